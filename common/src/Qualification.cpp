// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Qualification.h"

namespace oqs::common {

bool isValidOn(const Qualification& qualification, const Date& date)
{
    if (qualification.acquisitionDate && date < *qualification.acquisitionDate) {
        return false;
    }
    if (qualification.lossDate && date >= *qualification.lossDate) {
        return false;
    }
    if (qualification.cardValidFrom && date < *qualification.cardValidFrom) {
        return false;
    }
    return !qualification.cardValidTo || date <= *qualification.cardValidTo;
}

} // namespace oqs::common
