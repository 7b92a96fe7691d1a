// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

namespace tideline {

// SHA-256 through OpenSSL (hardware-accelerated where the CPU has it); lowercase hex.
QString sha256Hex(std::string_view bytes);
inline QString sha256Hex(const QByteArray& bytes)
{
    return sha256Hex(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())));
}
QByteArray sha256Raw(std::string_view bytes);

// Incremental hashing for files read in pieces.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void add(std::string_view bytes);
    void add(const QByteArray& bytes) { add(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size()))); }
    QByteArray resultRaw();
    QString resultHex();

private:
    void* m_ctx;
};

} // namespace tideline
