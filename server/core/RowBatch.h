// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <concepts>
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace oqs::server::core {

/// Parameter rows for a statement that takes many rows at once — a multi-row INSERT, an IN list, a VALUES list to
/// join — so that a few statements carry thousands of rows. On SQLite the rows go in groups of rowsPerStatement()
/// through statements the connection keeps (Database::querySqlite), the rows left over one at a time: two statements
/// per shape, each prepared once per connection, bound straight from the rows. On PostgreSQL Poco binds each column
/// of each row position as a vector and each group is a statement of its own, run once, because Poco's connector
/// double-frees a re-run statement that fails. Either way a row costs neither a statement nor a round trip of its
/// own. Not thread-safe.
template <class... Columns> class RowBatch
{
public:
    /// Parameters per statement: far below SQLite's limit (32,766) and PostgreSQL's (65,535); larger groups measured
    /// no faster on either.
    static constexpr std::size_t kParametersPerStatement = 1000;

    static constexpr std::size_t kColumnCount = sizeof...(Columns);

    void add(Columns... values) { m_rows.emplace_back(std::move(values)...); }
    void reserve(std::size_t rows) { m_rows.reserve(rows); }
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
        if (database.dialect() == Dialect::SQLite) {
            runKept(database, session, sqlFor, results, constants...);
        } else {
            runThroughPoco(database, session, sqlFor, results, constants...);
        }
        m_rows.clear();
    }

private:
    template <class... Constants> static constexpr std::size_t rowsPerStatement()
    {
        return std::max<std::size_t>(1, (kParametersPerStatement - sizeof...(Constants)) / kColumnCount);
    }

    template <class SqlFor, class... Results, class... Constants>
    void runKept(Database& database, Poco::Data::Session& session, const SqlFor& sqlFor,
                 std::tuple<std::vector<Results>&...>& results, const Constants&... constants)
    {
        constexpr std::size_t perStatement = rowsPerStatement<Constants...>();
        const std::string groupSql = m_rows.size() >= perStatement ? sqlFor(perStatement) : std::string();
        const std::string rowSql = m_rows.size() % perStatement != 0 ? sqlFor(1) : std::string();
        for (std::size_t first = 0; first < m_rows.size();) {
            const std::size_t width = m_rows.size() - first >= perStatement ? perStatement : 1;
            const QueryRows rows =
                database.querySqlite(session, width == 1 ? rowSql : groupSql, [&](SqliteBinder& binder) {
                    (bind(binder, constants), ...);
                    for (std::size_t row = first; row < first + width; ++row) {
                        std::apply([&binder](const auto&... values) { (bind(binder, values), ...); }, m_rows[row]);
                    }
                });
            if constexpr (sizeof...(Results) > 0) {
                for (std::size_t row = 0; row < rows.size(); ++row) {
                    appendResultRow(results, rows, row, std::index_sequence_for<Results...>{});
                }
            }
            first += width;
        }
    }

    template <class SqlFor, class... Results, class... Constants>
    void runThroughPoco(Database& database, Poco::Data::Session& session, const SqlFor& sqlFor,
                        std::tuple<std::vector<Results>&...>& results, const Constants&... constants)
    {
        const std::size_t perStatement = rowsPerStatement<Constants...>();
        for (std::size_t first = 0; first < m_rows.size();) {
            const std::size_t width = std::min(perStatement, m_rows.size() - first);
            // Row position p is row first + p: each position's columns become vectors of one value.
            std::vector<std::tuple<std::vector<Columns>...>> positions(width);
            for (std::size_t i = 0; i < width; ++i) {
                appendRow(positions[i], std::move(m_rows[first + i]), std::index_sequence_for<Columns...>{});
            }
            std::tuple<std::vector<Constants>...> repeated{std::vector<Constants>(1, constants)...};
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
            first += width;
        }
    }

    static void bind(SqliteBinder& binder, const std::string& value) { binder.text(value); }
    template <std::integral Integer> static void bind(SqliteBinder& binder, Integer value)
    {
        binder.integer(std::int64_t(value));
    }
    template <class Value> static void bind(SqliteBinder& binder, const Poco::Nullable<Value>& value)
    {
        if (value.isNull()) {
            binder.null();
        } else {
            bind(binder, value.value());
        }
    }

    static void readColumn(const QueryRows& rows, std::size_t row, std::size_t column, std::string& into)
    {
        into = rows.text(row, column);
    }
    static void readColumn(const QueryRows& rows, std::size_t row, std::size_t column, Poco::Int64& into)
    {
        into = rows.integer(row, column).value_or(0);
    }

    template <class... Results, std::size_t... Index>
    static void appendResultRow(std::tuple<std::vector<Results>&...>& results, const QueryRows& rows,
                                std::size_t row, std::index_sequence<Index...>)
    {
        (readColumn(rows, row, Index, std::get<Index>(results).emplace_back()), ...);
    }

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
