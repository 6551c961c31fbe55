// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>

namespace oqs::server::batch {

/// A batch job refused its input or could not finish; what() names the file (and line) and the reason. Nothing
/// of the job's effect is visible when it is thrown.
class BatchError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace oqs::server::batch
