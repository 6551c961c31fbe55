// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/CodeLists.h"
#include "oqs/common/Date.h"
#include "oqs/common/Qualification.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace oqs::server::dataset {

/// The JPKI user-authentication certificate on a person's My Number card, as the linkage feed knows it.
struct CardCertificate
{
    std::string serialHex; ///< 16 upper-case hex digits, first digit 8–F (already in canonical form), unique
    common::Date notBefore;
    common::Date notAfter; ///< last day of validity (inclusive), five years after notBefore
    bool revoked = false;
    std::optional<common::Date> revokedOn;
    bool linked = true;            ///< false: J-LIS sent the serial but it is not linked yet ("linkage pending")
    std::string previousSerialHex; ///< the renewed card's old serial (old → new history); empty if none

    bool operator==(const CardCertificate&) const = default;
};

/// One synthetic person: their internal key, every qualification record the insurers hold, and their card.
struct Person
{
    std::string linkageNumber;                         ///< 紐付番号: 15 digits, unique per index
    std::vector<common::Qualification> qualifications; ///< newest first (by acquisition date)
    std::optional<CardCertificate> certificate;        ///< nullopt: no My Number card

    bool operator==(const Person&) const = default;
};

/// One entry of the insurer master.
struct Insurer
{
    std::string number; ///< 6 or 8 digits with a valid check digit (D2)
    std::string name;
    common::InsurerScheme scheme = common::InsurerScheme::Other;
    std::string prefecture; ///< e.g. "東京都"

    bool operator==(const Insurer&) const = default;
};

/// A deterministic, synthetic population (no real people) for tests, demos and benchmarks.
/// Person `index` depends only on (seed, index, reference date): generation is O(1) per person, random-access,
/// and may run on any number of threads at once (all members are const and the object holds no caches).
/// Linkage numbers and serials are unique for every index below 10^15; card keys (insurer, symbol, number, branch)
/// are unique for the first 50 million persons. Distributions are documented in resources/docs/synthetic-dataset.md.
class SyntheticDataset
{
public:
    /// All dates (birth dates, acquisitions, card periods, certificates) are placed relative to `referenceDate`,
    /// usually today, so that the data look current when generated.
    SyntheticDataset(std::uint64_t seed, common::Date referenceDate);

    /// The person at `index`; the same arguments always give the same person. Never throws but for std::bad_alloc.
    Person person(std::uint64_t index) const;

    /// The insurer master: every insurer a generated qualification refers to, a few hundred in all.
    const std::vector<Insurer>& insurers() const;

    common::Date referenceDate() const;

    /// The first index in [from, from + limit) whose person satisfies `predicate`, or nullopt.
    /// For tests and demos that need, e.g., "someone with a revoked certificate".
    std::optional<std::uint64_t> findPerson(const std::function<bool(const Person&)>& predicate, std::uint64_t from = 0,
                                            std::uint64_t limit = 1'000'000) const;

private:
    std::uint64_t m_seed;
    common::Date m_referenceDate;
    std::vector<Insurer> m_insurers;
};

} // namespace oqs::server::dataset
