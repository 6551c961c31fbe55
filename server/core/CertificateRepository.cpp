// SPDX-License-Identifier: Apache-2.0
#include "core/CertificateRepository.h"

#include "core/RevocationRepository.h"
#include "core/RowBatch.h"

#include <Poco/Nullable.h>

#include <cctype>

namespace oqs::server::core {

std::string canonicalSerial(std::string_view hex)
{
    std::string out;
    out.reserve(hex.size());
    for (char c : hex) {
        if (c == ':' || c == ' ') {
            continue;
        }
        if (out.empty() && c == '0') {
            continue;
        }
        out.push_back(char(std::toupper(static_cast<unsigned char>(c))));
    }
    return out.empty() ? "0" : out;
}

std::optional<CertificateLink> CertificateRepository::findLink(const std::string& serial)
{
    auto session = m_database.session();
    for (const bool superseded : {false, true}) {
        const QueryRows rows = m_database.query(
            *session,
            superseded ? "SELECT linkage_number FROM card_certificate_superseded WHERE serial = ?"
                       : "SELECT linkage_number FROM card_certificate WHERE serial = ?",
            {serial});
        if (rows.size() != 0) {
            return CertificateLink{serial, rows.text(0, 0), superseded};
        }
    }
    return std::nullopt;
}

bool CertificateRepository::isRevoked(const std::string& serial)
{
    return RevocationRepository(m_database).isRevoked(serial);
}

void CertificateRepository::insertLink(Database& database, Poco::Data::Session& session, const CertificateLink& link,
                                       const std::string& previousSerial)
{
    insertLinks(database, session, {{link, previousSerial}});
}

void CertificateRepository::insertLinks(Database& database, Poco::Data::Session& session,
                                        const std::vector<NewLink>& links)
{
    using Text = Poco::Nullable<std::string>;
    const auto nullIfEmpty = [](const std::string& text) { return text.empty() ? Text() : Text(text); };
    RowBatch<std::string, Text, Text> rows;
    for (const auto& [link, previousSerial] : links) {
        rows.add(link.serial, nullIfEmpty(link.linkageNumber), nullIfEmpty(previousSerial));
    }
    rows.execute(database, session, [](std::size_t count) {
        return "INSERT INTO card_certificate (serial, linkage_number, previous_serial) VALUES " +
               placeholderRows(3, count);
    });
}

} // namespace oqs::server::core
