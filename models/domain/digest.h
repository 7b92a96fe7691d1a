// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>
#include <string>
#include <string_view>

namespace tideline::digest {

// True for exactly 64 lowercase hex characters: the only form a fingerprint is stored in.
bool isSha256Hex(std::string_view s);

// A bare digest: 64 hex characters in either case, optionally prefixed "sha256:" (or "sha256%3A").
std::optional<std::string> normalize(std::string_view s);

// The registry digest of an image reference: "repo@sha256:<hex>", "docker-pullable://repo@sha256:<hex>".
// A bare "sha256:<hex>" or "docker://sha256:<hex>" is an image config ID, not a registry digest: nothing.
std::optional<std::string> fromImageReference(std::string_view ref);

// A digest given as base64 of its 32 raw bytes (AWS Lambda CodeSha256, Sigstore messageDigest).
std::optional<std::string> fromBase64(std::string_view b64);

// Lowercase hex of raw bytes.
std::string toHex(const unsigned char* data, size_t size);
inline std::string toHex(const QByteArray& raw)
{
    return toHex(reinterpret_cast<const unsigned char*>(raw.constData()), static_cast<size_t>(raw.size()));
}

} // namespace tideline::digest
