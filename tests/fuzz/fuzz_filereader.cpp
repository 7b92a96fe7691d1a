// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the importer's detector (parseFile): which reader a file goes to, decided from its content,
// and that reader; the whole per-file pipeline short of the case file.
#include "evidencefuzz.h"
#include "fuzzutil.h"
#include "import/bundle.h"
#include "import/filereader.h"
#include "domain/json.h"

#include <cstdio>
#include <cstdlib>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument json;
    BundleEntry entry;
    entry.displayPath = QStringLiteral("bundle.zip!/prod/input");
    entry.groupKey = QStringLiteral("bundle.zip|prod");
    entry.bytes = fuzz::bytes(data, size);
    const ParsedFile f = parseFile(entry, json);
    fuzz::touch(f.format);
    fuzz::touch(f.skipReason);
    switch (f.kind) {
    case ParsedFile::Kind::Failed:
        fuzz::checkProblem(f.problem, entry.displayPath);
        break;
    case ParsedFile::Kind::Unknown:
        if (f.skipReason.isEmpty()) {
            std::fprintf(stderr, "fuzz: skipped without a reason\n");
            std::abort();
        }
        break;
    case ParsedFile::Kind::Snapshot:
        if (!f.snapshot || f.format.isEmpty()) {
            std::fprintf(stderr, "fuzz: a snapshot without its reading\n");
            std::abort();
        }
        for (const GroupedWorkload& w : f.grouped)
            fuzz::touch(w.detail);
        break;
    case ParsedFile::Kind::Evidence:
        fuzz::checkFile(*f.evidence, entry.displayPath);
        break;
    case ParsedFile::Kind::Policy:
    case ParsedFile::Kind::Manifest:
        break;
    }
    return 0;
}
