# rnnlab: see README.md. Needs JDK 17+ and Maven 3.8+.
#   make sweep [EXP=experiments/x.yaml] [ARGS="key.path=value ..."] [OUT=results] [PARALLEL=N]
#   make report [DIR=results/<sweep-name>]      (default: every sweep under $(OUT))
SHELL := /bin/bash
MVN ?= mvn
MVN_FLAGS ?= -B -q -Dstyle.color=never
EXP ?= experiments/sine-quickstart.yaml
ARGS ?=
OUT ?= results
PARALLEL ?=
DIR ?=

JAR := cli/target/rnnlab-cli.jar
SOURCES := pom.xml $(shell find engine runner reports cli -path '*/target' -prune -o -path '*/src/main/*' -type f -print -o -name pom.xml -print)

.PHONY: build test sweep report bench spark clean

build: $(JAR)

# Only what bin/rnnlab runs (the Spark module and the benchmarks have their own targets).
$(JAR): $(SOURCES)
	$(MVN) $(MVN_FLAGS) -DskipTests package -pl cli -am
	@touch $@

test:
	$(MVN) -B -Dstyle.color=never test

sweep: $(JAR)
	bin/rnnlab sweep $(EXP) $(ARGS) --out $(OUT) $(if $(PARALLEL),--parallel $(PARALLEL))

report: $(JAR)
	@if [[ -n "$(DIR)" ]]; then bin/rnnlab report "$(DIR)"; else \
	  found=0; for d in $(OUT)/*/; do if [[ -d "$$d/runs" ]]; then found=1; bin/rnnlab report "$${d%/}" || exit $$?; fi; done; \
	  if [[ $$found == 0 ]]; then echo "make report: no sweep directories under $(OUT)/; run 'make sweep' first" >&2; exit 2; fi; fi

# A short JMH profile (about 3 minutes): one training iteration per call, LSTM/GRU/RNN at presets A-C
# (BENCH_ARGS); the runner's cost per run in a warm JVM; cold sweeps at --parallel 1 and 2 with the
# scaling between them (SWEEP_ARGS, e.g. "--forks 3 --repeats 1,5,10 --steps 8000"). For the
# side-by-side with PyTorch see docs/performance.md (bin/rnnlab bench and torch_bench.py).
BENCH_ARGS ?= -wi 1 -i 3 -w 1s -r 1s
SWEEP_ARGS ?= --forks 2
bench:
	$(MVN) $(MVN_FLAGS) -DskipTests package -pl bench -am
	java -jar bench/target/benchmarks.jar TrainingBenchmark $(BENCH_ARGS)
	java -jar bench/target/benchmarks.jar RunOverheadBenchmark
	java -cp bench/target/benchmarks.jar dev.rnnlab.bench.SweepScaling $(SWEEP_ARGS)

# spark/target/rnnlab-spark.jar and spark/target/lib/ for spark-submit (docs/spark.md).
spark:
	$(MVN) $(MVN_FLAGS) -DskipTests package -pl spark -am

clean:
	$(MVN) $(MVN_FLAGS) clean
