// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <Poco/Data/Statement.h>
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace oqs::server::core {

/// Parameter rows for a statement that takes many rows at once — a multi-row INSERT, an IN list, a VALUES list to
/// join — so that a few statements carry thousands of rows. Poco binds each column of each row position as a vector
/// and runs the statement once per element: on SQLite one statement, parsed once, runs again for every further
/// group of rows; on PostgreSQL each group is a statement of its own, run once, because Poco's connector double-frees
/// a re-run statement that fails. Either way a row costs neither a statement nor a round trip of its own.
/// Not thread-safe.
template <class... Columns> class RowBatch
{
public:
    /// Parameters per statement: far below SQLite's limit (32,766) and PostgreSQL's (65,535); larger groups measured
    /// no faster on either.
    static constexpr std::size_t kParametersPerStatement = 1000;

    static constexpr std::size_t kColumnCount = sizeof...(Columns);

    void add(Columns... values) { m_rows.emplace_back(std::move(values)...); }
    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }

    /// Runs `sqlFor(n)` — portable SQL whose parameters are `constants` first, then n rows of the columns — over
    /// every row added, in the session's current transaction, then forgets the rows. Throws on database errors.
    template <class SqlFor, class... Constants>
    void execute(Database& database, Poco::Data::Session& session, const SqlFor& sqlFor, const Constants&... constants)
    {
        query(database, session, sqlFor, std::tuple<>{}, constants...);
    }

    /// execute() for a query: the result columns are appended to `results` (std::tie of vectors, one per selected
    /// column), the rows of every run in no particular order.
    template <class SqlFor, class... Results, class... Constants>
    void query(Database& database, Poco::Data::Session& session, const SqlFor& sqlFor,
               std::tuple<std::vector<Results>&...> results, const Constants&... constants)
    {
        const std::size_t perStatement =
            std::max<std::size_t>(1, (kParametersPerStatement - sizeof...(Constants)) / kColumnCount);
        for (std::size_t first = 0; first < m_rows.size();) {
            const std::size_t left = m_rows.size() - first;
            const std::size_t width = std::min(perStatement, left);
            const std::size_t runs = database.dialect() == Dialect::SQLite ? left / width : 1;
            // Row position p of run r is row first + r * width + p: each position's columns become vectors.
            std::vector<std::tuple<std::vector<Columns>...>> positions(width);
            for (std::size_t i = 0; i < width * runs; ++i) {
                appendRow(positions[i % width], std::move(m_rows[first + i]), std::index_sequence_for<Columns...>{});
            }
            std::tuple<std::vector<Constants>...> repeated{std::vector<Constants>(runs, constants)...};
            // Poco empties an into() vector when it is bound, so each statement extracts into its own.
            std::tuple<std::vector<Results>...> extracted;
            Poco::Data::Statement statement(session);
            statement << database.sql(sqlFor(width));
            const auto bind = [&statement](auto&... vectors) {
                ((statement, Poco::Data::Keywords::use(vectors)), ...);
            };
            std::apply(bind, repeated);
            for (auto& position : positions) {
                std::apply(bind, position);
            }
            std::apply([&statement](auto&... vectors) { ((statement, Poco::Data::Keywords::into(vectors)), ...); },
                       extracted);
            statement.execute();
            appendResults(results, std::move(extracted), std::index_sequence_for<Results...>{});
            first += width * runs;
        }
        m_rows.clear();
    }

private:
    template <std::size_t... Index>
    static void appendRow(std::tuple<std::vector<Columns>...>& position, std::tuple<Columns...>&& row,
                          std::index_sequence<Index...>)
    {
        (std::get<Index>(position).push_back(std::move(std::get<Index>(row))), ...);
    }

    template <class... Results, std::size_t... Index>
    static void appendResults(std::tuple<std::vector<Results>&...>& results, std::tuple<std::vector<Results>...>&& part,
                              std::index_sequence<Index...>)
    {
        (std::get<Index>(results).insert(std::get<Index>(results).end(),
                                         std::make_move_iterator(std::get<Index>(part).begin()),
                                         std::make_move_iterator(std::get<Index>(part).end())),
         ...);
    }

    std::vector<std::tuple<Columns...>> m_rows;
};

} // namespace oqs::server::core
