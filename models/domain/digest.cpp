// SPDX-License-Identifier: GPL-3.0-or-later
#include "digest.h"

#include <QByteArray>

namespace tideline::digest {

namespace {

// 0: not hex, 1: lowercase hex digit, 2: uppercase hex letter.
struct HexTable {
    unsigned char kind[256] = {};
    constexpr HexTable()
    {
        for (int c = '0'; c <= '9'; ++c)
            kind[c] = 1;
        for (int c = 'a'; c <= 'f'; ++c)
            kind[c] = 1;
        for (int c = 'A'; c <= 'F'; ++c)
            kind[c] = 2;
    }
};
constexpr HexTable kHex;

std::optional<std::string> lowerHex64(std::string_view s)
{
    if (s.size() != 64)
        return std::nullopt;
    unsigned seen = 0;
    for (unsigned char c : s) {
        const unsigned k = kHex.kind[c];
        if (!k)
            return std::nullopt;
        seen |= k;
    }
    std::string out(s);
    if (seen & 2)
        for (char& c : out)
            if (c >= 'A' && c <= 'F')
                c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char a = s[i];
        if (a >= 'A' && a <= 'Z')
            a = static_cast<char>(a - 'A' + 'a');
        if (a != prefix[i])
            return false;
    }
    return true;
}

} // namespace

bool isSha256Hex(std::string_view s)
{
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

std::optional<std::string> normalize(std::string_view s)
{
    if (startsWithNoCase(s, "sha256:"))
        s.remove_prefix(7);
    else if (startsWithNoCase(s, "sha256%3a"))
        s.remove_prefix(9);
    return lowerHex64(s);
}

std::optional<std::string> fromImageReference(std::string_view ref)
{
    const size_t at = ref.rfind("@sha256:");
    if (at == std::string_view::npos || at == 0)
        return std::nullopt;
    // "docker://sha256:<hex>" has no '@': it was refused above. A repository must precede the '@'.
    std::string_view repo = ref.substr(0, at);
    const size_t scheme = repo.find("://");
    if (scheme != std::string_view::npos)
        repo.remove_prefix(scheme + 3);
    if (repo.empty())
        return std::nullopt;
    return lowerHex64(ref.substr(at + 8));
}

std::optional<std::string> fromBase64(std::string_view b64)
{
    const QByteArray in(b64.data(), static_cast<qsizetype>(b64.size()));
    auto decoded = QByteArray::fromBase64Encoding(in, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        decoded = QByteArray::fromBase64Encoding(
            in, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 32)
        return std::nullopt;
    return toHex(decoded.decoded);
}

std::string toHex(const unsigned char* data, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (size_t i = 0; i < size; ++i) {
        out[2 * i] = hex[data[i] >> 4];
        out[2 * i + 1] = hex[data[i] & 15];
    }
    return out;
}

} // namespace tideline::digest
