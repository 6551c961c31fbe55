// SPDX-License-Identifier: Apache-2.0
#include "core/DurableFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace oqs::client::core {
namespace {

constexpr QFileDevice::Permissions kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDirectory =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

/// POSIX: a rename is only durable once the directory holding it is flushed too. Windows' MoveFileEx (used by
/// QSaveFile) has no equivalent step.
bool syncDirectoryOf(const QString& path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        return false;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
#else
    Q_UNUSED(path)
    return true;
#endif
}

} // namespace

QString DurableFile::write(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return file.errorString();
    }
    // Restrict the temporary file before any byte lands in it, so no window exists where others could read it.
    if (!file.setPermissions(kOwnerOnlyFile)) {
        file.cancelWriting();
        return QStringLiteral("cannot restrict permissions of %1").arg(path);
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        file.cancelWriting();
        return file.errorString();
    }
#ifdef Q_OS_UNIX
    if (::fsync(file.handle()) != 0) {
        file.cancelWriting();
        return QStringLiteral("fsync failed for %1").arg(path);
    }
#endif
    if (!file.commit()) {
        return file.errorString();
    }
    if (!syncDirectoryOf(path)) {
        return QStringLiteral("fsync of the directory of %1 failed").arg(path);
    }
    return {};
}

QString DurableFile::prepareOwnerOnlyDirectory(const QString& directory)
{
    if (!QDir().mkpath(directory)) {
        return QStringLiteral("cannot create %1").arg(directory);
    }
    if (!QFile::setPermissions(directory, kOwnerOnlyDirectory)) {
        return QStringLiteral("cannot restrict permissions of %1").arg(directory);
    }
    return {};
}

} // namespace oqs::client::core
