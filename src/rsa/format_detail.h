// Number formatting for one-line human details: "1,240", "12.5", "0.9".
#pragma once

#include <string>

namespace lightmesh::rsa {

// Rounds to one decimal, drops a trailing ".0", and groups thousands with commas; values of
// 10^15 and beyond (and non-finite ones) in exponent form ("1e+19").
std::string format_number(double v);

}  // namespace lightmesh::rsa
