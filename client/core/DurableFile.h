// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace oqs::client::core {

/// Whole-file writes that survive a crash or power cut at any point: the old content or the new one, never half
/// of each, and only the owner can read them.
class DurableFile {
public:
    /// Writes `bytes` to a temporary file beside `path` (owner read/write only), flushes it to the disk, renames
    /// it over `path` and flushes the directory entry. Returns an empty string on success, else what failed.
    static QString write(const QString& path, const QByteArray& bytes);
    /// Creates `directory` (and parents) if needed and restricts it to its owner. Empty string on success.
    static QString prepareOwnerOnlyDirectory(const QString& directory);
};

} // namespace oqs::client::core
