// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/snapshotformats.h"

#include <cstddef>
#include <cstdint>

namespace fuzz {

// Parses the bytes as JSON, detects the snapshot format, and reads the document as `format` whatever the
// detection said (the importer reads a detected format; `import` could be told one), checking what comes out.
int snapshot(tideline::SnapshotFormat format, const std::uint8_t* data, std::size_t size);

} // namespace fuzz
