#!/usr/bin/python3
"""Safetensors interop between PyTorch and rnnlab, with a writer/reader independent of rnnlab's.

  to-safetensors FIXTURE.json OUT.safetensors [--dtype F32|F64]
      load the fixture's params into the PyTorch model (nn.RNN/LSTM/GRU + nn.Linear, state_dict names
      rnn.weight_ih_l0 ... head.bias) and write model.state_dict() as safetensors.
  check FIXTURE.json FILE.safetensors
      load FILE (e.g. written by rnnlab) into the PyTorch model via load_state_dict(strict=True) and
      print the MSE loss on the fixture's batch next to the fixture's own loss.
Debian's python3-torch (1.13) has no safetensors package; the format is simple enough to write here.
"""
import json, struct, sys
import torch
import torch.nn.functional as F
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from make_golden import Net, _t  # noqa: E402

DT = {"F32": (torch.float32, "<f", 4), "F64": (torch.float64, "<d", 8)}


def model_for(doc):
    m = doc["meta"]
    net = Net(m["cell"], m["input_size"], m["hidden_size"], m["num_layers"], m["output_size"]).double()
    return net


def write(path, state, dtype):
    tdtype, fmt, width = DT[dtype]
    header, data, off = {"__metadata__": {"format": "pt"}}, bytearray(), 0
    for name, t in state.items():
        flat = t.detach().to(tdtype).contiguous().view(-1).tolist()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [off, off + width * len(flat)]}
        data += struct.pack("<%d%s" % (len(flat), fmt[1]), *flat)
        off += width * len(flat)
    h = json.dumps(header, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + bytes(data))


def read(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        tdtype, fmt, width = DT[e["dtype"]]
        b, end = e["data_offsets"]
        vals = struct.unpack("<%d%s" % ((end - b) // width, fmt[1]), raw[8 + n + b:8 + n + end])
        out[name] = torch.tensor(vals, dtype=torch.float64).view(*e["shape"])
    return out


def main():
    cmd, fixture = sys.argv[1], json.load(open(sys.argv[2]))
    net = model_for(fixture)
    if cmd == "to-safetensors":
        sd = net.state_dict()
        with torch.no_grad():
            for p in fixture["params"]:
                sd[p["name"]].copy_(_t(p))
        dtype = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--dtype" else "F64"
        write(sys.argv[3], net.state_dict(), dtype)
    elif cmd == "check":
        net.load_state_dict(read(sys.argv[3]), strict=True)
        state = (_t(fixture["h0"]), _t(fixture["c0"])) if fixture["meta"]["cell"] == "lstm" else _t(fixture["h0"])
        _, _, pred = net(_t(fixture["inputs"]), state)
        print("loss_from_file=%r fixture_loss=%r" % (float(F.mse_loss(pred, _t(fixture["targets"]))), fixture["loss"]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
