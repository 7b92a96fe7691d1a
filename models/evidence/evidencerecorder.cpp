// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencerecorder.h"

#include "evidence/evidencefile.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "store/contentsstore.h"
#include "store/evidencestore.h"
#include "store/sourcestore.h"

#include <QFileInfo>

#include <set>

namespace tideline {

struct EvidenceRecorder::Impl {
    explicit Impl(CaseFile& kase)
        : store(kase.db())
        , sources(kase.db())
        , contents(kase.db())
    {
    }

    EvidenceStore store;
    SourceStore sources;
    ContentsStore contents;
    JsonDocument json;
    std::optional<KeyRing> ring;

    KeyRing& keyring()
    {
        if (!ring) {
            ring.emplace();
            for (const KeyRecord& k : store.keys())
                if (Result<crypto::PublicKey> key = crypto::PublicKey::fromSpkiDer(k.spki))
                    ring->add(k.id, k.name, *key);
        }
        return *ring;
    }

    Status storeKey(const ParsedKey& parsed, qint64 sourceId, const EvidenceContext& ctx, EvidenceOutcome& out);
    Status reverify(EvidenceOutcome& out);
    Status storeItem(const EvidenceItem& item, qint64 sourceId, qint64 trailId, const EvidenceContext& ctx, EvidenceOutcome& out);
};

EvidenceRecorder::EvidenceRecorder(CaseFile& kase)
    : d(std::make_unique<Impl>(kase))
{
}

EvidenceRecorder::~EvidenceRecorder() = default;

void EvidenceRecorder::reset()
{
    d->ring.reset();
    d->contents.reset();
}

Status EvidenceRecorder::Impl::storeKey(const ParsedKey& parsed, qint64 sourceId, const EvidenceContext& ctx, EvidenceOutcome& out)
{
    const crypto::PublicKey& key = parsed.key;
    const QString sha = key.spkiSha256Hex();
    if (auto existing = store.keyBySha256(sha)) {
        out.warnings.push_back({ ctx.fileName, QString(), QStringLiteral("this key is already in the case as '%1'").arg(existing->name) });
        return {};
    }
    const bool chosen = !ctx.keyName.isEmpty() || !parsed.name.isEmpty();
    QString name = !ctx.keyName.isEmpty() ? ctx.keyName : !parsed.name.isEmpty() ? parsed.name : QFileInfo(ctx.fileName).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("key");
    if (store.keyByName(name)) {
        if (chosen)
            return Problem { ctx.fileName, QString(), QStringLiteral("a different key is already named '%1' in the case").arg(name) };
        const QString base = name;
        for (int i = 2; store.keyByName(name); ++i)
            name = QStringLiteral("%1-%2").arg(base).arg(i);
    }
    KeyRecord k;
    k.name = name;
    k.algorithm = key.algorithm();
    k.spki = key.spkiDer();
    k.sha256 = sha;
    k.sourceId = sourceId;
    k.importedAt = ctx.importedAt;
    Result<qint64> id = store.insertKey(k);
    if (!id)
        return id.problem();
    keyring().add(*id, name, key);
    out.keys << name;
    return reverify(out);
}

Status EvidenceRecorder::Impl::reverify(EvidenceOutcome& out)
{
    for (const EvidenceRecord& e : store.unverifiedSigned()) {
        Result<QByteArray> bytes = sources.load(e.sourceId);
        if (!bytes)
            continue;
        auto parsed = readEvidence(*bytes, e.sourceName, json);
        if (!parsed || !*parsed)
            continue;
        for (const EvidenceItem& item : (*parsed)->items) {
            if (item.record.part != e.part || !item.signedContent)
                continue;
            const VerificationOutcome v = verifySigned(*item.signedContent, keyring());
            if (v.verdict == e.verification.verdict && v.keyId == e.verification.keyId)
                continue;
            if (Status s = store.replaceVerification(e.id, v); !s)
                return s;
            ++out.reverified;
        }
    }
    return {};
}

Status EvidenceRecorder::Impl::storeItem(const EvidenceItem& item, qint64 sourceId, qint64 trailId, const EvidenceContext& ctx, EvidenceOutcome& out)
{
    EvidenceRecord r = item.record;
    const bool fromTrail = r.format == QLatin1String("kosli-trail");
    r.sourceId = sourceId;
    r.importedAt = ctx.importedAt;
    r.trailId = fromTrail ? trailId : 0;
    if (r.name.isEmpty() && !ctx.bindName.isEmpty() && r.kind != QLatin1String("kosli-attestation"))
        r.name = ctx.bindName;
    if (item.signedContent) {
        r.verification = verifySigned(*item.signedContent, keyring());
    } else {
        r.verification.verdict = Verification::Unsigned;
        r.verification.detail = r.kind == QLatin1String("kosli-attestation") ? QStringLiteral("a Kosli record: it carries no signature")
                                                                             : QStringLiteral("carries no signature");
    }
    Result<qint64> id = store.insertEvidence(r);
    if (!id)
        return id.problem();
    ++out.evidence;
    if (item.listsContents || !item.packages.empty()) {
        if (Status s = contents.insertSbom(*id, item.packages, item.described, item.listsContents); !s)
            return s;
        out.packages += int(item.packages.size());
    }

    std::vector<Binding> bindings = item.bindings;
    for (const Subject& s : item.subjects)
        if (!s.sha256.isEmpty())
            bindings.push_back({ s.sha256, r.name, item.subjectVia, s.name, ctx.importedAt });
    if (!ctx.bindFingerprint.isEmpty() && !fromTrail)
        bindings.push_back({ ctx.bindFingerprint, !ctx.bindName.isEmpty() ? ctx.bindName : r.name, ctx.bindVia, QString(), ctx.importedAt });
    for (const Binding& b : bindings) {
        Result<bool> added = store.addBinding(*id, b);
        if (!added)
            return added.problem();
        out.bindings += *added ? 1 : 0;
    }
    return {};
}

Result<EvidenceOutcome> EvidenceRecorder::record(const EvidenceFile& file, qint64 sourceId, bool newSource, const EvidenceContext& ctx)
{
    EvidenceOutcome out;
    out.warnings = file.warnings;
    if (!newSource) {
        // The bytes are in the case already: only a binding or a name given now can be new.
        for (const EvidenceRecord& e : d->store.evidenceOfSource(sourceId)) {
            if (e.format == QLatin1String("kosli-trail"))
                continue;
            if (e.name.isEmpty() && !ctx.bindName.isEmpty() && e.kind != QLatin1String("kosli-attestation")) {
                if (Status s = d->store.setName(e.id, ctx.bindName); !s)
                    return s.problem();
                ++out.bindings;
            }
            if (ctx.bindFingerprint.isEmpty())
                continue;
            Result<bool> added = d->store.addBinding(e.id,
                { ctx.bindFingerprint, !ctx.bindName.isEmpty() ? ctx.bindName : e.name, ctx.bindVia, QString(), ctx.importedAt });
            if (!added)
                return added.problem();
            out.bindings += *added ? 1 : 0;
        }
        out.nothingNew = out.bindings == 0;
        out.warnings.clear();
        return out;
    }

    for (const ParsedKey& k : file.keys)
        if (Status s = d->storeKey(k, sourceId, ctx, out); !s)
            return s.problem();

    if (file.flowTemplate)
        if (Result<qint64> t = d->store.insertTemplate(*file.flowTemplate, sourceId); !t)
            return t.problem();

    qint64 trailId = 0;
    if (file.trail) {
        TrailRecord t = file.trail->trail;
        if (auto existing = d->store.trail(t.flow, t.name)) {
            const bool newer = !existing->modifiedAt || (t.modifiedAt && *t.modifiedAt >= *existing->modifiedAt);
            if (!newer) {
                out.warnings.push_back({ ctx.fileName, QString(),
                    QStringLiteral("the case holds a later export of trail '%1' of flow '%2' (modified %3): this older one is kept as a "
                                   "source only")
                        .arg(t.name, t.flow, timefmt::formatIso(*existing->modifiedAt)) });
                return out;
            }
            if (Status s = d->store.deleteTrail(existing->id); !s)
                return s.problem();
            out.warnings.push_back({ ctx.fileName, QString(),
                QStringLiteral("replaces the earlier export of trail '%1' of flow '%2'").arg(t.name, t.flow) });
        }
        if (file.trail->flowTemplate) {
            Result<qint64> tid = d->store.insertTemplate(*file.trail->flowTemplate, sourceId);
            if (!tid)
                return tid.problem();
            t.templateId = *tid;
        }
        t.sourceId = sourceId;
        Result<qint64> id = d->store.insertTrail(t);
        if (!id)
            return id.problem();
        trailId = *id;
    }
    for (ProvenanceRecord p : file.provenance) {
        p.sourceId = sourceId;
        if (file.trail && p.flow == file.trail->trail.flow && p.trail == file.trail->trail.name)
            p.trailId = trailId;
        if (Result<qint64> id = d->store.insertProvenance(p); !id)
            return id.problem();
    }
    for (const EvidenceItem& item : file.items)
        if (Status s = d->storeItem(item, sourceId, trailId, ctx, out); !s)
            return s.problem();
    for (const Advisory& a : file.advisories) {
        if (Result<qint64> id = d->contents.insertAdvisory(a, sourceId); !id)
            return id.problem();
        ++out.advisories;
    }
    for (const VexStatement& v : file.vex) {
        if (Result<qint64> id = d->contents.insertVex(v, sourceId); !id)
            return id.problem();
        ++out.vex;
    }
    return out;
}

} // namespace tideline
