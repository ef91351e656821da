# lightmesh: the two commands are `make run` and `make test`. Both install what is missing first.
BUILD   ?= build
FUZZ_BUILD ?= build-fuzz
JOBS    ?= $(shell nproc)
FUZZ_SECONDS ?= 60
FUZZERS ?= native_fuzz demands_fuzz topohub_fuzz sndlib_fuzz gnpy_fuzz request_fuzz workload_fuzz gnpy_equipment_fuzz gnpy_topology_fuzz gnpy_service_fuzz controller_fuzz plan_fuzz place_fuzz failures_fuzz
CMAKE_FLAGS ?=
# Rebuilds of a fresh clone are quicker where ccache is installed (it is optional).
CCACHE_FLAG := $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

.PHONY: all deps configure build run demo-devices test test-slow conformance bench validate oracle fuzz lint clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CCACHE_FLAG) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

# The web console (web/) is built beside the binary, into $(BUILD)/console (scripts/build-console.sh).
build: deps configure
	cmake --build $(BUILD) -j $(JOBS)
	@scripts/build-console.sh $(BUILD)

# Plans the London example, places the example training job on Tokyo (a dry run), then runs the
# controller on London until Ctrl-C (state kept in $(RUN_DB)), printing the web console's link.
RUN_DB ?= $(BUILD)/london.db
LISTEN ?= 127.0.0.1:8080
run: build
	$(BUILD)/lightmesh plan examples/london/network.json --demands examples/london/demands.json
	@echo
	$(BUILD)/lightmesh place examples/tokyo/network.json --workload examples/workloads/training.json
	@echo
	@scripts/serve-with-console-link.sh $(BUILD)/lightmesh examples/london/network.json $(RUN_DB) $(LISTEN)

# Emulated OpenROADM devices for London (lightmesh-devsim; MODEL=openconfig for OpenConfig ones) and
# a controller driving them, until Ctrl-C: creating a service configures every device on its path
# (docs/southbound.md).
MODEL ?= openroadm-2.2.1
demo-devices: build
	@MODEL=$(MODEL) scripts/demo-devices.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow --timeout 300

test-slow: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L slow

# What real clients check: every TAPI answer of a scripted session on each bundled example
# validates against the TAPI 2.1.3 YANG (libyang; tests/server/tapi_conformance_test.cpp), GNPy
# API v0.2 answers as GNPy v2.12 does, and TransportPCE's status-then-compute sequence with Basic
# auth succeeds, every route the server answers is described in docs/api/openapi.yaml and nothing
# more (tests/server/openapi_test.cpp), and that file passes an OpenAPI lint (Redocly's CLI from
# npm). Further checks join by carrying the ctest label `conformance`.
conformance: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L conformance --timeout 300
	@scripts/openapi-lint.sh $(BUILD)

bench: build
	@scripts/run-bench.sh $(BUILD)

# XLRON's published NSFNET KSP-FF blocking table beside `lightmesh simulate` on the same setup,
# 50 replications × 40,000 requests per load (docs/simulate.md); skipped without ../shared/data.
validate: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target lightmesh
	@scripts/validate-xlron.sh $(BUILD)

# Compares lightmesh with GNPy v2.12 on every case of the oracle data (tools/oracle.cpp). Fails
# only when a case does not run or a route, mode, N/M or feasibility differs; dB differences
# above the goal are printed as FAIL-GOAL. Where GNPy itself sits beside the clone, it also runs
# GNPy on lightmesh's exports of the bundled examples and three TopoHub networks and compares every
# planned lightpath (scripts/gnpy-export-oracle.py): a route, feasibility or GSNR difference beyond
# 0.05 dB fails.
GNPY_DATA ?= ../shared/data/gnpy
GNPY_TOOL ?= ../shared/tools/gnpy-v2.12
TOPOLOGIES ?= ../shared/data/topologies
oracle: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target lightmesh_oracle lightmesh
	@if [ ! -d $(GNPY_DATA) ] && [ ! -d $(GNPY_TOOL) ]; then \
	  echo "oracle: neither $(GNPY_DATA) nor $(GNPY_TOOL) is beside the clone" >&2; exit 1; fi
	@if [ -d $(GNPY_DATA) ]; then \
	  echo "$(BUILD)/lightmesh_oracle $(GNPY_DATA)" && $(BUILD)/lightmesh_oracle $(GNPY_DATA); \
	else echo "oracle: no GNPy reference cases at $(GNPY_DATA); skipped"; fi
	@if [ -d $(GNPY_TOOL) ]; then \
	  scripts/install-deps.sh --gnpy && \
	  scripts/gnpy-export-oracle.py --lightmesh $(BUILD)/lightmesh --gnpy $(GNPY_TOOL) \
	    --topologies $(TOPOLOGIES); \
	else echo "oracle: no GNPy at $(GNPY_TOOL); the check of exported plans is skipped"; fi

fuzz:
	@scripts/install-deps.sh --fuzz
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DLIGHTMESH_FUZZ=ON -DLIGHTMESH_TESTS=OFF -DLIGHTMESH_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZERS)
	@scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

lint:
	clang-format --dry-run --Werror $$(git ls-files 'src/*.h' 'src/*.cpp' 'tests/*.cpp' 'bench/*.cpp' 'fuzz/*.cpp')

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
