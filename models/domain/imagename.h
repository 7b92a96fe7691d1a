// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Container image names as people read them. Names are shortened by dropping what every row shares (the registry
// host) and what a column of its own shows (the digest), never by cutting in the middle.

#include <QString>

namespace tideline {

// "registry.example.com/shop/api:1.4.0@sha256:…" -> "shop/api:1.4.0". A first component with a dot or a port, or
// "localhost", is a registry host (as Docker reads it).
QString imageWithoutRegistry(const QString& name);
// The repository alone, what a timeline lane is named by: "shop/api", "library/busybox".
QString imageRepository(const QString& name);

} // namespace tideline
