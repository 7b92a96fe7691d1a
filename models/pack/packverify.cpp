// SPDX-License-Identifier: GPL-3.0-or-later
// verify-pack, and verify-case --against PACK.

#include "pack/logagainstpack.h"
#include "pack/pack.h"

#include "domain/hash.h"
#include "evidence/logsignatures.h"
#include "evidence/packsigner.h"
#include "store/casefile.h"
#include "store/logstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <set>

namespace tideline {

namespace {

std::optional<QByteArray> readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return f.readAll();
}

bool isSha256Hex(const QString& s)
{
    if (s.size() != 64)
        return false;
    for (QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

const QString kManifest = QStringLiteral("manifest.json");
const QString kSignature = QStringLiteral("manifest.sig");
const QString kSums = QStringLiteral("SHA256SUMS");

} // namespace

PackVerification verifyPack(const QString& dir, const QString& expectedSigner)
{
    PackVerification v;
    v.expectedSigner = expectedSigner.toLower();
    const QDir d(QFileInfo(dir).absoluteFilePath());
    const std::optional<QByteArray> manifestBytes = readAll(d.filePath(kManifest));
    if (!manifestBytes) {
        v.problems << QStringLiteral("manifest.json: cannot be read");
        return v;
    }
    QJsonParseError err;
    const QJsonObject manifest = QJsonDocument::fromJson(*manifestBytes, &err).object();
    if (err.error != QJsonParseError::NoError || manifest[QLatin1String("tideline_pack")].toInt() != 1) {
        v.problems << QStringLiteral("manifest.json: not a Tideline pack manifest");
        return v;
    }

    // The signature first: everything else the manifest says counts only once it is known who signed it.
    const std::optional<QByteArray> sig = readAll(d.filePath(kSignature));
    const std::optional<QByteArray> pub = readAll(d.filePath(QStringLiteral("signer.pub")));
    if (pub)
        if (Result<SignerKey> presented = PackSigner::describe(*pub))
            v.presentedKey = presented->sha256;
    if (!sig || !pub) {
        v.problems << QStringLiteral("manifest.sig or signer.pub is missing: nothing says who signed the manifest");
    } else if (Result<SignerKey> key = PackSigner::verify(*pub, *manifestBytes, *sig); !key) {
        v.problems << QStringLiteral("manifest.sig: ") + key.problem().message;
    } else {
        v.signerFingerprint = key->sha256;
        v.signerAlgorithm = key->algorithm;
        const QString claimed = manifest[QLatin1String("signer_fingerprint")].toString();
        if (claimed != key->sha256)
            v.problems << QStringLiteral("manifest.json: names the signer %1, but the key that verified its signature is %2")
                              .arg(claimed.isEmpty() ? QStringLiteral("(none)") : claimed, key->sha256);
        const QString algorithm = manifest[QLatin1String("signature_algorithm")].toString(QStringLiteral("ed25519"));
        if (algorithm != key->algorithm)
            v.problems << QStringLiteral("manifest.json: says it is signed with %1, but the key that verified is %2")
                              .arg(algorithm, signerKeyDescription(key->algorithm));
    }
    if (v.pinned() && v.signerFingerprint != v.expectedSigner)
        v.problems.prepend(v.signerFingerprint.isEmpty()
                ? QStringLiteral("no key verified the manifest; the expected signer is %1").arg(v.expectedSigner)
                : QStringLiteral("signed by the key %1, not by the expected signer %2").arg(v.signerFingerprint, v.expectedSigner));

    // Every file the signed manifest lists, with its hash: these, and only these, are the pack.
    std::map<QString, QString> listed;
    auto checkFiles = [&](const QJsonObject& files) {
        for (auto it = files.begin(); it != files.end(); ++it) {
            const QString rel = it.key();
            ++v.files;
            if (rel.split(QLatin1Char('/')).contains(QStringLiteral("..")) || QDir::isAbsolutePath(rel) || rel == kManifest
                || rel == kSignature || rel == kSums) {
                v.problems << rel + QStringLiteral(": not a file the manifest can list");
                continue;
            }
            listed[rel] = it.value().toString();
            const std::optional<QByteArray> bytes = readAll(d.filePath(rel));
            if (!bytes)
                v.problems << rel + QStringLiteral(": missing");
            else if (sha256Hex(*bytes) != it.value().toString())
                v.problems << rel + QStringLiteral(": its sha256 is %1, the manifest says %2").arg(sha256Hex(*bytes), it.value().toString());
        }
    };
    checkFiles(manifest[QLatin1String("files")].toObject());
    checkFiles(manifest[QLatin1String("pdf")].toObject());
    // The content hash the PDF's cover prints.
    QJsonObject content = manifest;
    content.remove(QStringLiteral("content_sha256"));
    content.remove(QStringLiteral("pdf"));
    if (sha256Hex(QJsonDocument(content).toJson(QJsonDocument::Compact)) != manifest[QLatin1String("content_sha256")].toString())
        v.problems << QStringLiteral("manifest.json: content_sha256 does not match its content");

    // SHA256SUMS is derived from the manifest: its files, then manifest.json and manifest.sig themselves. A line for
    // anything else names a file the signature does not cover.
    std::map<QString, QString> derived = listed;
    derived[kManifest] = sha256Hex(*manifestBytes);
    if (sig)
        derived[kSignature] = sha256Hex(*sig);
    const std::optional<QByteArray> sums = readAll(d.filePath(kSums));
    if (!sums) {
        v.problems << QStringLiteral("SHA256SUMS: missing");
    } else {
        std::set<QString> seen;
        int lineNo = 0;
        for (const QByteArray& line : sums->split('\n')) {
            ++lineNo;
            if (line.isEmpty())
                continue;
            const QString text = QString::fromUtf8(line);
            const QString sha = text.left(64), rel = text.mid(66);
            if (!isSha256Hex(sha) || text.mid(64, 2) != QLatin1String("  ") || rel.isEmpty()) {
                v.problems << QStringLiteral("SHA256SUMS: line %1 is not \"<sha256>  <file>\"").arg(lineNo);
                continue;
            }
            const auto want = derived.find(rel);
            if (want == derived.end())
                v.problems << QStringLiteral("SHA256SUMS: lists %1, which the signed manifest does not: it is not part of the pack").arg(rel);
            else if (!seen.insert(rel).second)
                v.problems << QStringLiteral("SHA256SUMS: lists %1 twice").arg(rel);
            else if (want->second != sha)
                v.problems << QStringLiteral("SHA256SUMS: gives %1 the sha256 %2; the signed manifest gives %3").arg(rel, sha, want->second);
        }
        for (const auto& [rel, sha] : derived)
            if (!seen.count(rel))
                v.problems << QStringLiteral("SHA256SUMS: does not list %1").arg(rel);
    }

    // Nothing unlisted: a file slipped into the pack is not part of what was signed. Looked for in every folder
    // of the pack (sources/ too), not only at its top.
    QDirIterator every(d.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    QStringList unlisted;
    while (every.hasNext()) {
        const QString f = d.relativeFilePath(every.next());
        if (!listed.count(f) && f != kManifest && f != kSignature && f != kSums)
            unlisted << f;
    }
    unlisted.sort();
    for (const QString& f : unlisted)
        v.problems << f + QStringLiteral(": not listed in the signed manifest");
    v.intact = v.problems.isEmpty();
    return v;
}

PackLogCheck checkLogAgainstPack(CaseFile& kase, const QString& packDir, const QString& expectedSigner)
{
    PackLogCheck r;
    r.pack = verifyPack(packDir, expectedSigner);
    if (!r.pack.intact) {
        r.problems << QStringLiteral("the pack does not verify, so what it records proves nothing: ") + r.pack.problems.value(0);
        return r;
    }
    const QJsonObject manifest = QJsonDocument::fromJson(readAll(QDir(packDir).filePath(kManifest)).value_or(QByteArray())).object();
    if (manifest[QLatin1String("case_id")].toString() != kase.caseId()) {
        r.problems << QStringLiteral("the pack is of case %1, not of this case (%2)").arg(manifest[QLatin1String("case_id")].toString(), kase.caseId());
        return r;
    }
    const QJsonObject log = manifest[QLatin1String("log")].toObject();
    r.head = log.contains(QLatin1String("head")) ? log[QLatin1String("head")].toString() : manifest[QLatin1String("log_head")].toString();
    if (!isSha256Hex(r.head)) {
        r.problems << QStringLiteral("the pack records no log head");
        return r;
    }
    r.headId = log[QLatin1String("head_id")].toInteger();
    for (const QJsonValue& s : log[QLatin1String("signers")].toArray())
        r.recordedSigners[s[QLatin1String("sha256")].toString()] = s[QLatin1String("entries")].toInt();
    if (log.contains(QLatin1String("signed")))
        r.signedAtExport = log[QLatin1String("signed")].toInt();
    r.logKey = log[QLatin1String("key")][QLatin1String("sha256")].toString();

    LogStore store(kase.db());
    const std::vector<LogEntry> entries = store.list();
    // The chain recomputed from what each entry says, not from the hashes stored beside it (those can be recomputed
    // by anyone with sqlite3; the head the signed pack names cannot).
    std::vector<QString> chain;
    chain.reserve(entries.size());
    QString prev = LogStore::genesisHash();
    for (const LogEntry& e : entries) {
        prev = LogStore::entryHash(prev, e.at, e.actor, e.action, e.detail);
        chain.push_back(prev);
    }
    const LogSignatureReport signatures = checkLogSignatures(entries, store.keys());
    if (log.contains(QLatin1String("entries"))) {
        r.entries = log[QLatin1String("entries")].toInt();
    } else { // a pack from before signed logs: the head is found by its hash
        r.entries = r.head == LogStore::genesisHash() ? 0 : -1;
        for (size_t i = 0; i < chain.size() && r.entries < 0; ++i)
            if (chain[i] == r.head)
                r.entries = int(i + 1);
    }
    const QString headName = r.headId ? QStringLiteral("entry %1 (%2…)").arg(r.headId).arg(r.head.left(16)) : QStringLiteral("%1…").arg(r.head.left(16));
    // Where the first change lies, as far as the signatures tell: the first entry up to the head that no longer
    // carries a valid signature where the pack says all were signed.
    auto firstChange = [&](int upTo) -> QString {
        const int n = std::min(upTo, int(entries.size()));
        auto holds = [&](int i) {
            const bool stored = entries[size_t(i)].hash == chain[size_t(i)];
            const bool signedOk = signatures.entries[size_t(i)].log == EntrySignatures::State::Valid;
            return stored && (r.signedAtExport != r.entries || signedOk);
        };
        for (int i = 0; i < n; ++i) {
            if (holds(i))
                continue;
            // One signature seals a run of entries: the change is somewhere in the run it no longer seals.
            int last = i;
            while (last + 1 < n && !holds(last + 1) && entries[size_t(last)].signature.isEmpty())
                ++last;
            const LogEntry& e = entries[size_t(i)];
            if (last == i)
                return QStringLiteral("; the first entry that no longer holds is entry %1 (%2 by %3)").arg(e.id).arg(e.action, e.actor);
            return QStringLiteral("; the first entries that no longer hold are %1–%2, sealed by one signature: the change is among them")
                .arg(e.id)
                .arg(entries[size_t(last)].id);
        }
        return QString();
    };
    if (r.entries < 0 || r.entries > int(entries.size())) {
        r.problems << QStringLiteral("the log head the pack recorded, %1, is no longer in the chain: the case holds %2 entries%3; "
                                     "entries up to it were changed or removed after the export")
                          .arg(headName)
                          .arg(entries.size())
                          .arg(r.entries > 0 ? QStringLiteral(", the pack counted %1 up to its head").arg(r.entries) : QString())
                      + firstChange(int(entries.size()));
        return r;
    }
    const QString now = r.entries == 0 ? LogStore::genesisHash() : chain[size_t(r.entries - 1)];
    if (now != r.head) {
        r.problems << QStringLiteral("the log head the pack recorded, %1, is no longer in the chain: entry %2 of the log now hashes to %3…; "
                                     "an entry up to it was changed or removed after the export")
                          .arg(headName)
                          .arg(r.entries)
                          .arg(now.left(16))
                      + firstChange(r.entries);
        return r;
    }
    if (r.headId && r.entries > 0 && entries[size_t(r.entries - 1)].id != r.headId)
        r.problems << QStringLiteral("the pack's head entry is entry %1, the case holds it as entry %2: the log's rows were rewritten")
                          .arg(r.headId)
                          .arg(entries[size_t(r.entries - 1)].id);
    // The same entries, so the same signatures: each the pack counted must still be there, by the keys it names.
    std::map<QString, int> signedNow;
    for (int i = 0; i < r.entries; ++i) {
        const LogEntry& e = entries[size_t(i)];
        if (signatures.entries[size_t(i)].log != EntrySignatures::State::Valid)
            continue;
        if (r.signedAtExport >= 0 && !r.recordedSigners.count(e.signer)) {
            r.problems << QStringLiteral("log entry %1 is signed by the key %2…, which the pack does not record: it was signed again after the export")
                              .arg(e.id)
                              .arg(e.signer.left(16));
            continue;
        }
        ++signedNow[e.signer];
        ++r.signedNow;
    }
    for (const auto& [key, n] : r.recordedSigners)
        if (signedNow[key] < n)
            r.problems << QStringLiteral("%1 of the %2 entries up to the head that the %3 had signed no longer carry its signature")
                              .arg(n - signedNow[key])
                              .arg(n)
                              .arg(describeLogKey(key, signatures.algorithms.count(key) ? signatures.algorithms.at(key) : QString()));
    for (size_t i = size_t(r.entries); i < entries.size(); ++i) {
        ++r.after;
        if (signatures.entries[i].log == EntrySignatures::State::Unsigned)
            ++r.afterUnsigned;
        else if (signatures.entries[i].log == EntrySignatures::State::Valid && entries[i].signer == r.logKey)
            ++r.afterSignedByLogKey;
    }
    r.holds = r.problems.isEmpty();
    return r;
}

} // namespace tideline
