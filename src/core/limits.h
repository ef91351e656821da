// The valid range of every number lightmesh reads: network, demands and workload files, GNPy
// inputs, REST and TAPI bodies, query parameters and command-line options. A value outside is
// refused where it enters, naming the field and the range (docs/formats.md has this table).
//
//   LM_ASSIGN_OR_RETURN(auto bw, r.bounded("bandwidth_gbps", limits::kBandwidthGbps));
//
// The ranges are generous (far beyond any deployed system) but physical: each keeps arithmetic
// finite and every count derived from it small enough to allocate and to fit its integer type.
// Constants; thread-safe.
#pragma once

#include <cstddef>

#include "core/bounded.h"

namespace lightmesh::limits {

// --- Ids and names ----------------------------------------------------------------------------
// The longest id in a file (site, node, fibre, transceiver, mode, element uid, demand…) and the
// longest name a tenant gives, in bytes: ids are stored, listed and quoted in every message and
// answer about them, and derived ids ("a-b", "id#2") must still fit when written back.
inline constexpr std::size_t kMaxNameBytes = 256;

// --- Places -----------------------------------------------------------------------------------
inline constexpr Bound kLatitude{-90, 90, false, "degrees"};
inline constexpr Bound kLongitude{-180, 180, false, "degrees"};

// --- Fibres and lines -------------------------------------------------------------------------
// Longer than any cable laid (the longest submarine systems are about 39,000 km), so a fibre once
// round the Earth; bounds every count of spans and amplifiers derived from a length.
inline constexpr Bound kFiberLengthKm{0, 40'000, false, "km"};
inline constexpr Bound kSpanLengthKm{0, 40'000, true, "km"};
// Standard fibre loses 0.2 dB/km and early multimode fibre about 3; 10 leaves room for anything
// that is still a fibre and keeps the loss of the longest fibre finite.
inline constexpr Bound kLossDbPerKm{0, 10, false, "dB/km"};
// The loss of one span or element: unrepeatered records are about 70 dB; 1,000 dB is a power
// ratio of 1e100, still far from the double's range.
inline constexpr Bound kLossDb{0, 1'000, false, "dB"};
inline constexpr Bound kRouteFactor{1, 10};
// Group delay: 3.336 µs/km is light in vacuum (the model checks that floor); 100 µs/km is 20×
// slower than glass.
inline constexpr Bound kDelayUsPerKm{0, 100, true, "µs/km"};
// One amplifier every 4 km over the longest fibre.
inline constexpr Bound kAmplifierCount{0, 10'000, false, "", true};
// Chromatic dispersion of any fibre type lies within ±100 ps/(nm·km); ±1,000 is generous.
inline constexpr Bound kDispersionPsNmKm{-1'000, 1'000, false, "ps/(nm·km)"};
// ... and at least this far from 0 either side: the closed-form GN model divides by the
// dispersion, and dispersion-shifted fibre keeps about 1 ps/(nm·km) in the C band (5e-324 once
// reached the physics as 0 s/m²). The same floor in s/m², as GNPy writes it.
inline constexpr double kMinDispersionPsNmKm = 0.001;
inline constexpr double kMinDispersionSM2 = 1e-9;
// Highly nonlinear fibres reach about 10 µm² and large-core fibres about 150; below 1 µm² no mode
// is guided in silica, and a smaller area makes the nonlinear coefficient meaningless.
inline constexpr Bound kEffectiveAreaUm2{1, 10'000, false, "µm²"};
// The same area in m², as GNPy writes it.
inline constexpr Bound kEffectiveAreaM2{1e-12, 1e-8, false, "m²"};
// GNPy's dispersion slope in s/m³ (60 is 0.06 ps/(nm²·km), standard fibre's); ±100,000 is 1,000×
// any fibre's.
inline constexpr Bound kDispersionSlopeSM3{-100'000, 100'000, false, "s/m³"};
// Chromatic dispersion a ROADM adds, in s/m (1e-3 s/m is 1 ps/nm): ±1,000 s/m is more than the
// longest fibre accumulates (17 ps/(nm·km) × 40,000 km = 680 s/m).
inline constexpr Bound kElementCdSPerM{-1'000, 1'000, false, "s/m"};
// Polarisation-mode dispersion an amplifier or a ROADM adds, in s: the longest fibre gives about
// 20 ps (0.1 ps/√km over 40,000 km); 1 ns is fifty times that.
inline constexpr Bound kElementPmdS{0, 1e-9, false, "s"};
// The same in ps, as the native file writes it.
inline constexpr Bound kElementPmdPs{0, 1'000, false, "ps"};
// At least 1 km so that the number of spans of the longest fibre stays ≤ 40,000.
inline constexpr Bound kMaxSpanKm{1, 40'000, false, "km"};
// Launch power per channel: +50 dBm is 100 W, beyond what any fibre survives; −50 dBm is 10 nW,
// below any receiver's sensitivity.
inline constexpr Bound kPowerDbm{-50, 50, false, "dBm"};
// Amplifier gain and noise figure: real EDFAs give up to about 40 dB and NF 4–10 dB.
inline constexpr Bound kGainDb{-100, 100, false, "dB"};
inline constexpr Bound kNoiseFigureDb{-100, 100, false, "dB"};
// A fixed noise figure the native file gives an amplifier: no amplifier beats the 3 dB quantum
// limit by much, and none is worse than 100 dB; a negative figure would be a noise sink.
inline constexpr Bound kFixedNoiseFigureDb{0, 100, false, "dB"};
// Coefficients of an OpenROADM NF polynomial (GNPy's nf_coef): the published ones are below 40 in
// magnitude; ±1,000 keeps the polynomial of any input power finite.
inline constexpr Bound kNfCoefficient{-1'000, 1'000};
// The same powers in W (GNPy's request fields): 10 nW to 100 W.
inline constexpr Bound kPowerW{1e-8, 100, false, "W"};
// Power spectral density targets (GNPy's mW/GHz): 1,000 mW/GHz is 50 W in a 50 GHz channel.
inline constexpr Bound kPowerDensityMwGhz{0, 1'000, true, "mW/GHz"};
// OSNR and SNR figures in dB: a transmitter or receiver cannot exceed a few tens of dB.
inline constexpr Bound kOsnrDb{-50, 100, false, "dB"};
inline constexpr Bound kPositiveOsnrDb{0, 100, true, "dB"};

// --- Spectrum and transceivers ----------------------------------------------------------------
// From 600 nm to 3 µm: every fibre window (O to U band, 1,260–1,675 nm) with room to spare.
inline constexpr Bound kFrequencyThz{100, 500, false, "THz"};
// The same band in Hz, as GNPy writes frequencies.
inline constexpr Bound kFrequencyHz{100e12, 500e12, false, "Hz"};
// Channels in one band, checked before a spectrum is built: the band's 6.25 GHz slots.
inline constexpr double kMaxChannels = 65'536;
// Power sweeps ([min, max, step] in dB) take at most this many steps.
inline constexpr double kMaxPowerSteps = 1'000;
inline constexpr Bound kBitRateGbps{0, 100'000, true, "Gb/s"};
inline constexpr Bound kBaudGbd{0, 10'000, false, "GBd"};
// Wider than every fibre window (about 50 THz).
inline constexpr Bound kChannelWidthGhz{0, 100'000, true, "GHz"};
inline constexpr Bound kRollOff{0, 1};
inline constexpr Bound kReachKm{0, 40'000, true, "km"};

// --- Latency ----------------------------------------------------------------------------------
// One second: a round trip over the longest fibre takes 0.4 s.
inline constexpr Bound kLatencyUs{0, 1'000'000, false, "µs"};
inline constexpr Bound kLatencyBoundUs{0, 1'000'000, true, "µs"};

// --- Demands and services ---------------------------------------------------------------------
// 10 Pb/s: a hundred times a full C+L fibre. The floor (1 Mb/s) keeps a bandwidth meaningful
// (5e-324 Gb/s once booked a 100G channel).
inline constexpr Bound kBandwidthGbps{0.001, 10'000'000, false, "Gb/s"};
// Lightpaths one demand may need, checked before any is planned: more than any band holds
// (65,536 slots of 6.25 GHz).
inline constexpr double kMaxLightpathsPerDemand = 65'536;
// The same ceiling in bit/s, as GNPy's requests write it; zero asks for one channel.
inline constexpr Bound kBandwidthBps{0, 1e16, false, "bit/s"};
// A channel spacing from 1 GHz to 10 THz (in Hz, as GNPy writes it).
inline constexpr Bound kSpacingHz{1e9, 1e13, false, "Hz"};
inline constexpr Bound kChannelCount{1, kMaxChannels, false, "", true};
inline constexpr Bound kOsnrMarginDb{0, 100, false, "dB"};
// A transceiver mode's relative cost (GNPy's examples use 1); it only orders modes.
inline constexpr Bound kRelativeCost{0, 1e9};

// --- Sites and compute ------------------------------------------------------------------------
inline constexpr Bound kGpuCount{0, 10'000'000, false, "", true};
inline constexpr Bound kCoreCount{0, 1'000'000'000, false, "", true};
inline constexpr Bound kPortCount{0, 10'000'000, false, "", true};
inline constexpr Bound kMemoryGb{0, 1'000'000, false, "GB"};
inline constexpr Bound kTflops{0, 1'000'000'000, false, "TFLOP/s"};
inline constexpr Bound kStorageTb{0, 1'000'000'000, false, "TB"};
inline constexpr Bound kStorageAskTb{0, 1'000'000'000, true, "TB"};  // a workload's storage
inline constexpr Bound kStorageGbps{0, 10'000'000, false, "Gb/s"};
inline constexpr Bound kPriceUsdMwh{0, 1'000'000, false, "USD/MWh"};
inline constexpr Bound kPue{1, 10};

// --- Workloads --------------------------------------------------------------------------------
inline constexpr Bound kWorkloadGpus{1, 10'000'000, false, "", true};
// Layers, hidden size, sequence length, micro-batches and parallel degrees.
inline constexpr Bound kModelSize{1, 1'000'000'000, false, "", true};
inline constexpr Bound kParamsB{0, 1'000'000, true, "billion"};
inline constexpr Bound kSeconds{0, 1'000'000, true, "s"};
inline constexpr Bound kFlops{0, 1e30, true, "FLOP"};
inline constexpr Bound kSlowdown{1, 1'000'000};
inline constexpr Bound kRatePerS{0, 1e9, true, "per second"};
inline constexpr Bound kSizeKb{0, 1e9, true, "kB"};
inline constexpr Bound kCameraCount{1, 100'000, false, "", true};
inline constexpr Bound kReserveCount{0, 100'000, false, "", true};

// --- Command line and queries -----------------------------------------------------------------
inline constexpr Bound kPathCount{1, 1'000, false, "", true};  // k shortest paths
inline constexpr Bound kPageSize{1, 1'000, false, "", true};
inline constexpr Bound kTimeoutS{0, 3'600, true, "s"};
// random-fit's seed: any 32-bit whole number. Four billion draws are more than enough, and a
// double holds every one exactly, so the seed checked is the seed the planner draws from.
inline constexpr Bound kSeed{0, 4'294'967'295, false, "", true};

// --- GNPy simulation parameters ---------------------------------------------------------------
// The GN model's dispersion and phase-shift tolerances are of order 1 (GNPy: 1 and 0.1).
inline constexpr Bound kSimTolerance{0, 1'000, true};
// Raman solver resolutions: at most the longest fibre (40,000 km), in metres.
inline constexpr Bound kSpatialResolutionM{0, 40'000'000, true, "m"};

// --- Dynamic-traffic simulation (lightmesh simulate) ------------------------------------------
// Offered load in Erlang: more than any network carries; > 0 since the arrival rate is load / mean.
inline constexpr Bound kOfferedLoadErlang{0, 1e9, true, "Erlang"};
// Requests per replication and warm-up: 10¹¹ is days of simulation on one core.
inline constexpr Bound kSimRequests{1, 1e11, false, "", true};
inline constexpr Bound kSimWarmup{0, 1e11, false, "", true};
// Two replications at least: a confidence interval needs a spread.
inline constexpr Bound kReplications{2, 1'000'000, false, "", true};
// Slots per link: a departure stores its first slot and width in 16 bits, and 10,000 slots of
// 6.25 GHz already span 62.5 THz (the C+L bands hold about 12 THz).
inline constexpr Bound kSlotCount{1, 10'000, false, "", true};
inline constexpr Bound kSlotGhz{0, 1'000, true, "GHz"};
inline constexpr Bound kGuardSlots{0, 1'000, false, "", true};
inline constexpr Bound kCandidatePaths{1, 100, false, "", true};
inline constexpr Bound kHoldingMean{0, 1e9, true};
inline constexpr Bound kThreads{0, 1'024, false, "", true};
// Fibre cuts (--failures MTBF,MTTR): hours between cuts per 1,000 km of fibre (at least 3.6 s, so
// that cuts cannot pile up at one instant and stall the run; 10¹² h is never), hours to repair (0
// repairs at once), and hours per unit of simulated time.
inline constexpr Bound kMtbfHours{1e-3, 1e12, false, "h"};
inline constexpr Bound kMttrHours{0, 1e9, false, "h"};
inline constexpr Bound kTimeUnitHours{0, 1e6, true, "h"};
// The bit rates of a uniform integer range, each a class: at most 100,000 of them.
inline constexpr double kMaxBitrateClasses = 100'000;

}  // namespace lightmesh::limits
