// SPDX-License-Identifier: Apache-2.0
#include "batch/MappedFile.h"

#include "batch/BatchError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oqs::server::batch {

MappedFile::MappedFile(const std::filesystem::path& path)
{
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        throw BatchError(path.string() + ": cannot be read: " + std::strerror(errno));
    }
    struct stat status {};
    if (::fstat(descriptor, &status) != 0) {
        const int error = errno;
        ::close(descriptor);
        throw BatchError(path.string() + ": cannot be read: " + std::strerror(error));
    }
    m_size = std::size_t(status.st_size);
    if (m_size > 0) { // mmap refuses a length of 0; an empty file is an empty view
        m_data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    }
    const int error = errno;
    ::close(descriptor); // the mapping keeps the file
    if (m_data == MAP_FAILED) {
        m_data = nullptr;
        m_size = 0;
        throw BatchError(path.string() + ": cannot be mapped: " + std::strerror(error));
    }
}

MappedFile::~MappedFile()
{
    if (m_data) {
        ::munmap(m_data, m_size);
    }
}

} // namespace oqs::server::batch
