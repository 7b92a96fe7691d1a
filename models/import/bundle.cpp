// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundle.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <map>
#include <set>

namespace tideline {

namespace {

constexpr qint64 kMaxLooseFile = qint64(512) << 20;
constexpr qsizetype kReadPadding = 64; // JsonDocument::kPadding

// One source of entries: a loose file, a folder, or an archive (on disk or in memory).
struct Input {
    enum Kind { File, Folder, Archive } kind;
    QString path; // on disk
    QString display; // how entries are named
    struct Item {
        QString rel; // path within the input ("" for a loose file)
        qint64 size;
    };
    std::vector<Item> items;
    std::vector<std::shared_ptr<const BundleManifest>> manifests;
    qint64 bytes = 0;
    bool brokenWhilePreparing = false; // its problem was reported then; the run stops at the same place quietly
    std::set<QString> brokenManifests; // manifests that could not be read: reported then, and not imported
};

QString qsLatin(const char* s) { return QString::fromUtf8(s ? s : ""); }

QString parentOf(const QString& rel)
{
    const int slash = rel.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : rel.left(slash);
}

QString baseName(const QString& rel)
{
    const int slash = rel.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? rel : rel.mid(slash + 1);
}

// The deepest manifest whose folder contains rel.
std::shared_ptr<const BundleManifest> manifestFor(const Input& in, const QString& rel, QString& relToManifest)
{
    std::shared_ptr<const BundleManifest> best;
    for (const auto& m : in.manifests) {
        const bool inside = m->dir.isEmpty() || rel.startsWith(m->dir + QLatin1Char('/'));
        if (inside && (!best || m->dir.size() > best->dir.size()))
            best = m;
    }
    if (best)
        relToManifest = best->dir.isEmpty() ? rel : rel.mid(best->dir.size() + 1);
    return best;
}

// What one input may expand to, shared by the archives nested in it: a zip of zips (of zips) is held to the same
// total, and to the same ratio against the bytes of the outermost archive, as one archive alone.
struct Budget {
    qint64 total = 0; // bytes decompressed so far, at every level
    archive* outermost = nullptr; // whose compressed bytes the ratio is measured against
};

// libarchive, opened on a file or a buffer, with the expansion limits enforced while reading. Without a budget of
// its caller's, a reader is the outermost and keeps its own.
class ArchiveReader {
public:
    ArchiveReader(const ArchiveLimits& limits, const QString& display, Budget* budget = nullptr)
        : m_limits(limits)
        , m_display(display)
        , m_a(archive_read_new())
        , m_budget(budget ? budget : &m_ownBudget)
    {
        if (!m_budget->outermost)
            m_budget->outermost = m_a;
        archive_read_support_filter_all(m_a);
        archive_read_support_format_zip(m_a);
        archive_read_support_format_tar(m_a);
        archive_read_support_format_gnutar(m_a);
        archive_read_support_format_raw(m_a); // a single gzip-compressed file
    }
    ~ArchiveReader() { archive_read_free(m_a); }

    Status openFile(const QString& path)
    {
        const QByteArray local = QFile::encodeName(path);
        if (archive_read_open_filename(m_a, local.constData(), 1 << 20) != ARCHIVE_OK)
            return error(QString());
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.size() >= 8 && f.seek(f.size() - 8))
            m_tail = f.read(8);
        return {};
    }
    Status openMemory(const QByteArray& bytes)
    {
        if (archive_read_open_memory(m_a, bytes.constData(), static_cast<size_t>(bytes.size())) != ARCHIVE_OK)
            return error(QString());
        m_tail = bytes.right(8);
        return {};
    }

    // Next regular file: false at the end or on error (then problem() says which).
    bool next(QString& name, qint64& size, bool& isFile)
    {
        archive_entry* e = nullptr;
        const int r = archive_read_next_header(m_a, &e);
        if (r == ARCHIVE_EOF)
            return false;
        if (r < ARCHIVE_WARN) {
            m_problem = error(QString());
            return false;
        }
        const char* utf8 = archive_entry_pathname_utf8(e);
        name = utf8 ? QString::fromUtf8(utf8) : qsLatin(archive_entry_pathname(e));
        if (archive_format(m_a) == ARCHIVE_FORMAT_RAW)
            name = QString(); // a bare compressed file: named after the archive by the caller
        size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
        isFile = archive_entry_filetype(e) == AE_IFREG || archive_format(m_a) == ARCHIVE_FORMAT_RAW;
        return true;
    }

    // Reads the current entry, refusing it (and the archive) when it expands past the limits.
    Result<QByteArray> read(const QString& entryDisplay)
    {
        QByteArray out;
        char buf[1 << 16];
        // libarchive does not check a gzip file's trailer: a lone gzip-compressed file is checked here.
        const bool gzipFile = archive_format(m_a) == ARCHIVE_FORMAT_RAW && archive_filter_code(m_a, 0) == ARCHIVE_FILTER_GZIP;
        uLong crc = crc32(0L, Z_NULL, 0);
        for (;;) {
            const la_ssize_t n = archive_read_data(m_a, buf, sizeof buf);
            if (n == 0)
                break;
            if (n < 0)
                return error(entryDisplay);
            if (gzipFile)
                crc = crc32(crc, reinterpret_cast<const Bytef*>(buf), static_cast<uInt>(n));
            out.append(buf, static_cast<qsizetype>(n));
            m_budget->total += n;
            if (out.size() > m_limits.maxEntryBytes)
                return bomb(entryDisplay, QStringLiteral("entry expands past %1").arg(size(m_limits.maxEntryBytes)));
            if (Status s = checkTotals(entryDisplay); !s)
                return s.problem();
        }
        if (gzipFile && m_tail.size() == 8) {
            const auto le32 = [&](int at) {
                quint32 v = 0;
                for (int i = 3; i >= 0; --i)
                    v = (v << 8) | static_cast<unsigned char>(m_tail[at + i]);
                return v;
            };
            const quint32 size = static_cast<quint32>(static_cast<quint64>(out.size()) & 0xFFFFFFFFu);
            if (le32(0) != static_cast<quint32>(crc) || le32(4) != size) {
                m_fatal = true;
                m_problem = Problem { entryDisplay, QString(),
                    QStringLiteral("the gzip trailer says %1 bytes with CRC-32 %2, but the data holds %3 bytes with CRC-32 %4: the file is "
                                   "damaged (or is several gzip files joined, which Tideline does not read)")
                        .arg(le32(4))
                        .arg(le32(0), 8, 16, QLatin1Char('0'))
                        .arg(out.size())
                        .arg(static_cast<quint32>(crc), 8, 16, QLatin1Char('0')) };
                return *m_problem;
            }
        }
        out.reserve(out.size() + kReadPadding);
        return out;
    }

    Status skip(const QString& entryDisplay)
    {
        // Skipping still decompresses; count it so that a bomb cannot hide in entries we skip.
        char buf[1 << 16];
        for (;;) {
            const la_ssize_t n = archive_read_data(m_a, buf, sizeof buf);
            if (n == 0)
                return {};
            if (n < 0)
                return error(entryDisplay);
            m_budget->total += n;
            if (Status s = checkTotals(entryDisplay); !s)
                return s;
        }
    }

    const std::optional<Problem>& problem() const { return m_problem; }
    bool fatal() const { return m_fatal; }
    Budget& budget() { return *m_budget; }

private:
    Status checkTotals(const QString& entryDisplay)
    {
        const qint64 total = m_budget->total;
        if (total > m_limits.maxTotalBytes)
            return bomb(entryDisplay, QStringLiteral("archive expands past %1").arg(size(m_limits.maxTotalBytes)));
        if (total > m_limits.ratioFloorBytes) {
            const qint64 raw = std::max<qint64>(1, archive_filter_bytes(m_budget->outermost, -1));
            const double ratio = static_cast<double>(total) / static_cast<double>(raw);
            if (ratio > m_limits.maxRatio)
                return bomb(entryDisplay, QStringLiteral("compression ratio %1:1 exceeds %2:1").arg(qRound(ratio)).arg(m_limits.maxRatio));
        }
        return {};
    }

    static QString size(qint64 bytes)
    {
        return bytes >= (qint64(1) << 30) && bytes % (qint64(1) << 30) == 0 ? QStringLiteral("%1 GiB").arg(bytes >> 30)
                                                                            : QStringLiteral("%1 MiB").arg(bytes >> 20);
    }

    Problem bomb(const QString& entryDisplay, const QString& why)
    {
        m_fatal = true;
        m_problem = Problem { entryDisplay.isEmpty() ? m_display : entryDisplay, QString(),
            QStringLiteral("refused: %1 (a decompression bomb?); the rest of the archive is skipped").arg(why) };
        return *m_problem;
    }

    Problem error(const QString& entryDisplay)
    {
        m_fatal = true;
        const char* msg = archive_error_string(m_a);
        m_problem = Problem { entryDisplay.isEmpty() ? m_display : entryDisplay, QString(),
            QStringLiteral("cannot read archive: %1").arg(msg ? QString::fromUtf8(msg) : QStringLiteral("unknown error")) };
        return *m_problem;
    }

    const ArchiveLimits& m_limits;
    QString m_display;
    archive* m_a;
    QByteArray m_tail; // the last 8 bytes of the compressed input: a gzip file's trailer
    Budget m_ownBudget;
    Budget* m_budget;
    std::optional<Problem> m_problem;
    bool m_fatal = false;
};

// An archive entry's name, made safe: nothing for names that climb out of the archive or are absolute.
std::optional<QString> safeEntryName(const QString& name) { return normaliseRelativePath(name); }

QByteArray readHead(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(512);
}

} // namespace

bool BundleWalker::looksLikeArchive(const QByteArray& head)
{
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return true; // zip
    if (head.startsWith("\x1f\x8b") || head.startsWith("BZh") || head.startsWith("\xfd" "7zXZ")
        || head.startsWith("\x28\xb5\x2f\xfd"))
        return true; // gzip, bzip2, xz, zstd
    return head.size() >= 262 && head.mid(257, 5) == "ustar"; // tar
}

struct BundleWalker::Impl {
    QStringList inputs;
    ArchiveLimits limits;
    std::vector<Input> plan;
    qint64 totalBytes = 0;
    int totalFiles = 0;

    void readManifestInto(Input& in, const QByteArray& bytes, const QString& rel, const std::function<void(const Problem&)>& onProblem)
    {
        const QString display = in.kind == Input::Folder ? QDir(in.path).filePath(rel) : in.display + QLatin1Char('!') + QLatin1Char('/') + rel;
        Result<BundleManifest> m = readManifest(bytes, display, parentOf(rel));
        if (!m) {
            onProblem(m.problem());
            in.brokenManifests.insert(rel);
            return;
        }
        for (const Problem& w : m->warnings)
            onProblem(w);
        in.manifests.push_back(std::make_shared<const BundleManifest>(std::move(m).value()));
    }

    void checkListed(const Input& in, const std::function<void(const Problem&)>& onProblem)
    {
        std::set<QString> present;
        for (const auto& item : in.items)
            present.insert(item.rel);
        for (const auto& m : in.manifests)
            for (const QString& p : m->listedPaths()) {
                const QString full = m->dir.isEmpty() ? p : m->dir + QLatin1Char('/') + p;
                if (!present.count(full))
                    onProblem({ m->file, p, QStringLiteral("listed in the manifest but not in the bundle") });
            }
    }

    void prepareArchive(Input& in, const std::function<void(const Problem&)>& onProblem)
    {
        ArchiveReader ar(limits, in.display);
        if (Status s = ar.openFile(in.path); !s) {
            onProblem(s.problem());
            in.brokenWhilePreparing = true;
            return;
        }
        QString name;
        qint64 size = 0;
        bool isFile = false;
        while (ar.next(name, size, isFile)) {
            if (!isFile) {
                continue;
            }
            if (name.isEmpty())
                name = QFileInfo(in.path).completeBaseName();
            const auto safe = safeEntryName(name);
            if (!safe) {
                onProblem({ in.display + QStringLiteral("!/") + name, QString(),
                    QStringLiteral("unsafe path in archive (absolute or climbing out with '..'): skipped") });
                if (!ar.skip(in.display + QStringLiteral("!/") + name))
                    break;
                continue;
            }
            // Problems met here (a bomb, a truncated entry) name the entry they were met in.
            const QString entryDisplay = in.display + QStringLiteral("!/") + *safe;
            if (baseName(*safe) == manifestFileName()) {
                Result<QByteArray> bytes = ar.read(entryDisplay);
                if (!bytes)
                    break;
                readManifestInto(in, *bytes, *safe, onProblem);
                size = bytes->size();
            } else if (!ar.skip(entryDisplay)) {
                break;
            }
            // Sizes are what the headers claim: bounded, so that claims of exabytes cannot overflow the sum.
            size = std::clamp<qint64>(size, 0, limits.maxEntryBytes);
            in.items.push_back({ *safe, size });
            in.bytes += size;
        }
        if (ar.problem()) {
            onProblem(*ar.problem());
            in.brokenWhilePreparing = true;
        }
        checkListed(in, onProblem);
    }

    void prepareFolder(Input& in, const std::function<void(const Problem&)>& onProblem)
    {
        const QDir root(QFileInfo(in.path).absoluteFilePath());
        QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo fi = it.fileInfo();
            if (fi.isSymLink() && fi.isDir())
                continue;
            const QString rel = root.relativeFilePath(fi.absoluteFilePath());
            in.items.push_back({ rel, fi.size() });
            in.bytes += fi.size();
        }
        std::sort(in.items.begin(), in.items.end(), [](const Input::Item& a, const Input::Item& b) { return a.rel < b.rel; });
        for (const auto& item : in.items)
            if (baseName(item.rel) == manifestFileName()) {
                QFile f(root.filePath(item.rel));
                if (!f.open(QIODevice::ReadOnly)) {
                    onProblem({ root.filePath(item.rel), QString(), QStringLiteral("cannot read: %1").arg(f.errorString()) });
                    continue;
                }
                readManifestInto(in, f.readAll(), item.rel, onProblem);
            }
        // Keys first: evidence signed by a key the same bundle brings is then verified as it is stored,
        // rather than stored as signed by an unknown key and read again when the key arrives.
        std::stable_partition(in.items.begin(), in.items.end(), [&](const Input::Item& item) { return isKey(in, item.rel); });
        checkListed(in, onProblem);
    }

    // A public key: one a manifest lists as such, or a file named like one.
    static bool isKey(const Input& in, const QString& rel)
    {
        if (rel.endsWith(QLatin1String(".pub"), Qt::CaseInsensitive) || rel.endsWith(QLatin1String(".pem"), Qt::CaseInsensitive))
            return true;
        for (const auto& m : in.manifests) {
            const QString prefix = m->dir.isEmpty() ? QString() : m->dir + QLatin1Char('/');
            if (rel.startsWith(prefix) && m->keys.count(rel.mid(prefix.size())))
                return true;
        }
        return false;
    }

    // Entries of an archive held in memory (an archive found inside another), with its own manifests. Read twice,
    // as archives on disk are: once for the manifests and the list, once to hand the entries out one at a time (so
    // that only one entry is in memory, however much the archive holds). budget: the enclosing archive's, if any.
    bool runMemoryArchive(const QByteArray& bytes, const QString& display, int depth, Budget* budget,
        const std::function<bool(BundleEntry&&)>& onEntry, const std::function<void(const Problem&)>& onProblem,
        const std::atomic<bool>* cancel)
    {
        if (depth > limits.maxNesting) {
            onProblem({ display, QString(), QStringLiteral("archive nested more than %1 deep: skipped").arg(limits.maxNesting) });
            return true;
        }
        Input in { Input::Archive, QString(), display, {}, {}, 0 };
        {
            // The listing pass spends a copy of the budget: it is bounded as the delivering pass is, and what it
            // decompresses is not counted twice.
            Budget listing = budget ? *budget : Budget {};
            ArchiveReader ar(limits, display, budget ? &listing : nullptr);
            if (Status s = ar.openMemory(bytes); !s) {
                onProblem(s.problem());
                return true;
            }
            QString name;
            qint64 size = 0;
            bool isFile = false;
            while (ar.next(name, size, isFile)) {
                if (!isFile)
                    continue;
                if (name.isEmpty())
                    name = QStringLiteral("data");
                const auto safe = safeEntryName(name);
                const QString entryDisplay = display + QStringLiteral("!/") + name;
                if (!safe) {
                    onProblem({ entryDisplay, QString(), QStringLiteral("unsafe path in archive (absolute or climbing out with '..'): skipped") });
                    if (!ar.skip(entryDisplay))
                        break;
                    continue;
                }
                if (baseName(*safe) == manifestFileName()) {
                    Result<QByteArray> data = ar.read(entryDisplay);
                    if (!data)
                        break;
                    readManifestInto(in, *data, *safe, onProblem);
                } else if (!ar.skip(entryDisplay)) {
                    break;
                }
                in.items.push_back({ *safe, std::clamp<qint64>(size, 0, limits.maxEntryBytes) });
            }
            if (ar.problem()) {
                // The delivering pass would stop at the same place: report it once, here.
                onProblem(*ar.problem());
                in.brokenWhilePreparing = true;
            }
        }
        checkListed(in, onProblem);
        ArchiveReader ar(limits, display, budget);
        if (!ar.openMemory(bytes))
            return true;
        QString name;
        qint64 size = 0;
        bool isFile = false;
        while (ar.next(name, size, isFile)) {
            if (cancel && cancel->load())
                return false;
            if (!isFile)
                continue;
            if (name.isEmpty())
                name = QStringLiteral("data");
            const auto safe = safeEntryName(name);
            if (!safe) {
                if (!ar.skip(display))
                    break;
                continue; // reported by the listing pass
            }
            const QString entryDisplay = display + QStringLiteral("!/") + *safe;
            Result<QByteArray> data = ar.read(entryDisplay);
            if (!data)
                break;
            if (!deliver(in, *safe, entryDisplay, std::move(data).value(), depth, &ar.budget(), onEntry, onProblem, cancel))
                return false;
        }
        if (ar.problem() && !in.brokenWhilePreparing)
            onProblem(*ar.problem());
        return true;
    }

    bool deliver(const Input& in, const QString& rel, const QString& display, QByteArray&& bytes, int depth, Budget* budget,
        const std::function<bool(BundleEntry&&)>& onEntry, const std::function<void(const Problem&)>& onProblem,
        const std::atomic<bool>* cancel)
    {
        if (in.brokenManifests.count(rel))
            return true; // its problem was reported while preparing; a broken manifest is not kept
        if (looksLikeArchive(bytes.left(512)))
            return runMemoryArchive(bytes, display, depth + 1, budget, onEntry, onProblem, cancel);
        BundleEntry e;
        e.displayPath = display;
        e.groupKey = in.display + QLatin1Char('|') + parentOf(rel);
        e.bytes = std::move(bytes);
        e.isManifest = baseName(rel) == manifestFileName();
        if (!rel.isEmpty())
            e.manifest = manifestFor(in, rel, e.manifestPath);
        return onEntry(std::move(e));
    }
};

BundleWalker::BundleWalker(QStringList inputs, ArchiveLimits limits)
    : d(std::make_unique<Impl>())
{
    d->inputs = std::move(inputs);
    d->limits = limits;
}

BundleWalker::~BundleWalker() = default;

qint64 BundleWalker::totalBytes() const { return d->totalBytes; }
int BundleWalker::totalFiles() const { return d->totalFiles; }

void BundleWalker::prepare(const std::function<void(const Problem&)>& onProblem)
{
    d->plan.clear();
    for (const QString& path : d->inputs) {
        const QFileInfo fi(path);
        if (!fi.exists()) {
            onProblem({ path, QString(), QStringLiteral("no such file or folder") });
            continue;
        }
        if (!fi.isDir() && !fi.isFile()) {
            // Opening a FIFO blocks until someone writes to it, and a device may never end.
            onProblem({ path, QString(), QStringLiteral("not a regular file (a FIFO, socket or device): not read") });
            continue;
        }
        if (fi.isDir()) {
            Input in { Input::Folder, path, path, {}, {}, 0 };
            d->prepareFolder(in, onProblem);
            d->plan.push_back(std::move(in));
        } else if (looksLikeArchive(readHead(path))) {
            Input in { Input::Archive, path, path, {}, {}, 0, false };
            d->prepareArchive(in, onProblem);
            d->plan.push_back(std::move(in));
        } else {
            Input in { Input::File, path, path, { { QString(), fi.size() } }, {}, fi.size() };
            d->plan.push_back(std::move(in));
        }
    }
    d->totalBytes = 0;
    d->totalFiles = 0;
    for (const Input& in : d->plan) {
        d->totalBytes += in.bytes;
        d->totalFiles += static_cast<int>(in.items.size());
    }
}

void BundleWalker::run(const std::function<bool(BundleEntry&&)>& onEntry, const std::function<void(const Problem&)>& onProblem,
    const std::atomic<bool>* cancel)
{
    auto cancelled = [cancel] { return cancel && cancel->load(); };
    for (const Input& in : d->plan) {
        if (cancelled())
            return;
        if (in.kind == Input::File || in.kind == Input::Folder) {
            const QDir root(in.path);
            for (const auto& item : in.items) {
                if (cancelled())
                    return;
                const QString path = in.kind == Input::File ? in.path : root.filePath(item.rel);
                if (item.size > kMaxLooseFile) {
                    onProblem({ path, QString(), QStringLiteral("file of %1 MiB is larger than the %2 MiB Tideline reads").arg(item.size >> 20).arg(kMaxLooseFile >> 20) });
                    continue;
                }
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly)) {
                    onProblem({ path, QString(), QStringLiteral("cannot read: %1").arg(f.errorString()) });
                    continue;
                }
                // Room after the bytes lets the JSON parser read them in place instead of copying.
                QByteArray bytes(static_cast<qsizetype>(item.size) + kReadPadding, Qt::Uninitialized);
                const qint64 got = f.read(bytes.data(), item.size);
                if (got < 0) {
                    onProblem({ path, QString(), QStringLiteral("cannot read: %1").arg(f.errorString()) });
                    continue;
                }
                bytes.resize(static_cast<qsizetype>(got));
                if (!d->deliver(in, item.rel, path, std::move(bytes), 0, nullptr, onEntry, onProblem, cancel))
                    return;
            }
            continue;
        }
        ArchiveReader ar(d->limits, in.display);
        if (!ar.openFile(in.path)) {
            if (!in.brokenWhilePreparing)
                onProblem(*ar.problem());
            continue;
        }
        QString name;
        qint64 size = 0;
        bool isFile = false;
        while (ar.next(name, size, isFile)) {
            if (cancelled())
                return;
            if (!isFile)
                continue;
            if (name.isEmpty())
                name = QFileInfo(in.path).completeBaseName();
            const auto safe = safeEntryName(name);
            if (!safe) {
                if (!ar.skip(in.display))
                    break;
                continue; // reported while preparing
            }
            const QString display = in.display + QStringLiteral("!/") + *safe;
            Result<QByteArray> bytes = ar.read(display);
            if (!bytes)
                break;
            // Its entries sit one archive deep (as the entries of an archive found in a folder do).
            if (!d->deliver(in, *safe, display, std::move(bytes).value(), 1, &ar.budget(), onEntry, onProblem, cancel))
                return;
        }
        // Problems of the archive itself were reported while preparing, unless this pass found new ones.
        if (ar.problem() && !in.brokenWhilePreparing)
            onProblem(*ar.problem());
    }
}

} // namespace tideline
