// SPDX-License-Identifier: GPL-3.0-or-later
#include "hash.h"

#include "domain/digest.h"

#include <openssl/evp.h>

namespace tideline {

QByteArray sha256Raw(std::string_view bytes)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char*>(md), static_cast<qsizetype>(len));
}

QString sha256Hex(std::string_view bytes)
{
    const QByteArray raw = sha256Raw(bytes);
    return QString::fromStdString(digest::toHex(raw));
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }

void Sha256::add(std::string_view bytes) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), bytes.data(), bytes.size()); }

QByteArray Sha256::resultRaw()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_ctx), md, &len);
    return QByteArray(reinterpret_cast<const char*>(md), static_cast<qsizetype>(len));
}

QString Sha256::resultHex() { return QString::fromStdString(digest::toHex(resultRaw())); }

} // namespace tideline
