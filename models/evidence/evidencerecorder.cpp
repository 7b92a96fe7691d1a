// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencerecorder.h"

#include "evidence/evidencefile.h"
#include "evidence/sigstore/trustedroot.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "store/contentsstore.h"
#include "store/evidencestore.h"
#include "store/sourcestore.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <map>
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

    // The case's keys, trusted roots and verified layouts, read on first use.
    Result<KeyRing*> keyring()
    {
        if (ring)
            return &*ring;
        Result<std::vector<KeyRecord>> keys = store.keys();
        if (!keys)
            return keys.problem();
        Result<std::vector<TrustedRootRecord>> roots = store.trustedRoots();
        if (!roots)
            return roots.problem();
        Result<std::vector<EvidenceRecord>> layouts = store.verifiedLayouts();
        if (!layouts)
            return layouts.problem();
        ring.emplace();
        for (const KeyRecord& k : *keys)
            if (Result<crypto::PublicKey> key = crypto::PublicKey::fromSpkiDer(k.spki))
                ring->add(k.id, k.name, *key, k.trust.trusted, {}, k.trust.origin);
        for (const TrustedRootRecord& r : *roots) {
            Result<QByteArray> bytes = sources.load(r.sourceId);
            if (!bytes)
                continue;
            Result<sigstore::TrustedRoot> root = sigstore::parseTrustedRoot(*bytes, r.name);
            if (!root)
                continue;
            root->name = r.name;
            ring->addRoot(r.id, std::make_shared<const sigstore::TrustedRoot>(std::move(root).value()), r.trust.trusted, r.trust.origin);
        }
        for (const EvidenceRecord& e : *layouts)
            if (Result<QByteArray> bytes = sources.load(e.sourceId))
                if (auto parsed = readEvidence(*bytes, e.sourceName, json); parsed && *parsed)
                    for (const EvidenceItem& item : (*parsed)->items)
                        if (item.record.part == e.part && item.layout)
                            ring->addLayout(namedLayout(*item.layout, e, e.sourceName));
        return &*ring;
    }

    static std::shared_ptr<const InTotoLayout> namedLayout(const InTotoLayout& layout, const EvidenceRecord& e, const QString& file)
    {
        auto named = std::make_shared<InTotoLayout>(layout);
        named->name = !e.name.isEmpty() ? e.name : QFileInfo(file).fileName();
        return named;
    }

    // A name no key or trusted root of the case has: the one asked for, or it with -2, -3…; empty when the name was
    // chosen (by the manifest or --name) and is taken.
    Result<QString> freeName(const QString& wanted, bool chosen)
    {
        auto taken = [&](const QString& n) -> Result<bool> {
            Result<std::optional<KeyRecord>> key = store.keyByName(n);
            if (!key)
                return key.problem();
            Result<std::optional<TrustedRootRecord>> root = store.trustedRootByName(n);
            if (!root)
                return root.problem();
            return key->has_value() || root->has_value();
        };
        QString name = wanted;
        for (int i = 2;; ++i) {
            Result<bool> t = taken(name);
            if (!t)
                return t.problem();
            if (!*t)
                return name;
            if (chosen)
                return QString();
            name = QStringLiteral("%1-%2").arg(wanted).arg(i);
        }
    }

    static TrustRecord trustOf(const EvidenceContext& ctx)
    {
        TrustRecord t;
        t.trusted = ctx.trust;
        t.origin = ctx.origin;
        if (ctx.trust) {
            t.by = ctx.actor;
            t.at = ctx.importedAt;
            t.how = ctx.trustHow;
        }
        return t;
    }

    Status storeKey(const ParsedKey& parsed, qint64 sourceId, const EvidenceContext& ctx, EvidenceOutcome& out);
    Status storeRoot(const std::shared_ptr<const sigstore::TrustedRoot>& root, qint64 sourceId, const EvidenceContext& ctx, EvidenceOutcome& out);
    // A key or root held untrusted and now imported on its own (or with --trust): trusted from now on.
    Status trustHeld(AnchorImport& a, qint64 keyId, qint64 rootId, const EvidenceContext& ctx, EvidenceOutcome& out);
    Status reverify(EvidenceOutcome& out, const std::vector<EvidenceRecord>& candidates, int depth = 0);
    Status reverify(EvidenceOutcome& out)
    {
        Result<std::vector<EvidenceRecord>> candidates = store.unverifiedSigned();
        if (!candidates)
            return candidates.problem();
        return reverify(out, *candidates);
    }
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

namespace {

QString rootDetail(const std::vector<TrustedRootPart>& parts)
{
    std::map<QString, int> count;
    for (const TrustedRootPart& p : parts)
        count[p.kind] += 1;
    static const std::pair<const char*, const char*> words[] = { { "transparency-log", "transparency log" },
        { "certificate-authority", "certificate authorit" }, { "ct-log", "CT log" }, { "timestamp-authority", "timestamp authorit" } };
    QStringList out;
    for (const auto& [kind, word] : words) {
        const int n = count[QLatin1String(kind)];
        if (n == 0)
            continue;
        const QString w = QLatin1String(word);
        out << QStringLiteral("%1 %2").arg(n).arg(w.endsWith(QLatin1String("authorit")) ? w + (n == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                                                                                      : w + (n == 1 ? QString() : QStringLiteral("s")));
    }
    return out.join(QStringLiteral(", "));
}

std::vector<TrustedRootPart> partsOf(const sigstore::TrustedRoot& root)
{
    std::vector<TrustedRootPart> parts;
    for (const sigstore::LogInstance& l : root.tlogs)
        parts.push_back({ QStringLiteral("transparency-log"), l.baseUrl, l.validFor.start, l.validFor.end });
    for (const sigstore::CertificateAuthority& c : root.certificateAuthorities)
        parts.push_back({ QStringLiteral("certificate-authority"), c.uri.isEmpty() ? c.subject : c.uri, c.validFor.start, c.validFor.end });
    for (const sigstore::LogInstance& l : root.ctlogs)
        parts.push_back({ QStringLiteral("ct-log"), l.baseUrl, l.validFor.start, l.validFor.end });
    for (const sigstore::CertificateAuthority& c : root.timestampAuthorities)
        parts.push_back({ QStringLiteral("timestamp-authority"), c.uri.isEmpty() ? c.subject : c.uri, c.validFor.start, c.validFor.end });
    return parts;
}

} // namespace

Status EvidenceRecorder::Impl::trustHeld(AnchorImport& a, qint64 keyId, qint64 rootId, const EvidenceContext& ctx, EvidenceOutcome& out)
{
    TrustRecord t = a.trust;
    t.trusted = true;
    t.by = ctx.actor;
    t.at = ctx.importedAt;
    t.how = ctx.trustHow;
    if (Status s = keyId ? store.setKeyTrust(keyId, t) : store.setTrustedRootTrust(rootId, t); !s)
        return s;
    Result<KeyRing*> keyRing = keyring();
    if (!keyRing)
        return keyRing.problem();
    (*keyRing)->setTrusted(keyId, rootId, true);
    a.trust = t;
    a.trustedNow = true;
    out.warnings.push_back({ ctx.fileName, QString(),
        QStringLiteral("the case held this %1 as '%2' without trusting it: trusted now (%3)").arg(a.kind == QLatin1String("key") ? QStringLiteral("key") : QStringLiteral("trusted root"), a.name, t.how) });
    return reverify(out);
}

Status EvidenceRecorder::Impl::storeKey(const ParsedKey& parsed, qint64 sourceId, const EvidenceContext& ctx, EvidenceOutcome& out)
{
    const crypto::PublicKey& key = parsed.key;
    const QString sha = key.spkiSha256Hex();
    Result<std::optional<KeyRecord>> held = store.keyBySha256(sha);
    if (!held)
        return held.problem();
    if (const std::optional<KeyRecord>& existing = *held) {
        AnchorImport a { QStringLiteral("key"), existing->name, sha, existing->algorithm, existing->trust, true };
        if (!existing->trust.trusted && ctx.trust) {
            if (Status s = trustHeld(a, existing->id, 0, ctx, out); !s)
                return s;
        } else {
            out.warnings.push_back({ ctx.fileName, QString(),
                QStringLiteral("this key is already in the case as '%1'%2").arg(existing->name, existing->trust.trusted ? QString() : QStringLiteral(" (not trusted)")) });
        }
        out.anchors.push_back(a);
        return {};
    }
    const bool chosen = !ctx.keyName.isEmpty() || !parsed.name.isEmpty();
    QString wanted = !ctx.keyName.isEmpty() ? ctx.keyName : !parsed.name.isEmpty() ? parsed.name : QFileInfo(ctx.fileName).completeBaseName();
    if (wanted.isEmpty())
        wanted = QStringLiteral("key");
    const Result<QString> picked = freeName(wanted, chosen);
    if (!picked)
        return picked.problem();
    const QString& name = *picked;
    if (name.isEmpty())
        return Problem { ctx.fileName, QString(), QStringLiteral("a different key or trusted root is already named '%1' in the case").arg(wanted) };
    KeyRecord k;
    k.name = name;
    k.algorithm = key.algorithm();
    k.spki = key.spkiDer();
    k.sha256 = sha;
    k.sourceId = sourceId;
    k.importedAt = ctx.importedAt;
    k.trust = trustOf(ctx);
    Result<qint64> id = store.insertKey(k);
    if (!id)
        return id.problem();
    Result<KeyRing*> keyRing = keyring();
    if (!keyRing)
        return keyRing.problem();
    (*keyRing)->add(*id, name, key, k.trust.trusted, {}, k.trust.origin);
    out.keys << name;
    out.anchors.push_back({ QStringLiteral("key"), name, sha, k.algorithm, k.trust, false, k.trust.trusted });
    return reverify(out);
}

Status EvidenceRecorder::Impl::storeRoot(const std::shared_ptr<const sigstore::TrustedRoot>& root, qint64 sourceId, const EvidenceContext& ctx,
    EvidenceOutcome& out)
{
    Result<std::optional<TrustedRootRecord>> held = store.trustedRootBySha256(root->sha256);
    if (!held)
        return held.problem();
    if (const std::optional<TrustedRootRecord>& existing = *held) {
        AnchorImport a { QStringLiteral("trusted-root"), existing->name, existing->sha256, rootDetail(existing->parts), existing->trust, true };
        if (!existing->trust.trusted && ctx.trust) {
            if (Status s = trustHeld(a, 0, existing->id, ctx, out); !s)
                return s;
        } else {
            out.warnings.push_back({ ctx.fileName, QString(),
                QStringLiteral("this trusted root is already in the case as '%1'%2")
                    .arg(existing->name, existing->trust.trusted ? QString() : QStringLiteral(" (not trusted)")) });
        }
        out.anchors.push_back(a);
        return {};
    }
    const bool chosen = !ctx.keyName.isEmpty();
    QString wanted = chosen ? ctx.keyName : QFileInfo(ctx.fileName).completeBaseName();
    if (wanted.isEmpty())
        wanted = QStringLiteral("trusted-root");
    const Result<QString> picked = freeName(wanted, chosen);
    if (!picked)
        return picked.problem();
    const QString& name = *picked;
    if (name.isEmpty())
        return Problem { ctx.fileName, QString(), QStringLiteral("a different key or trusted root is already named '%1' in the case").arg(wanted) };
    TrustedRootRecord r;
    r.name = name;
    r.sha256 = root->sha256;
    r.parts = partsOf(*root);
    r.sourceId = sourceId;
    r.importedAt = ctx.importedAt;
    r.trust = trustOf(ctx);
    Result<qint64> id = store.insertTrustedRoot(r);
    if (!id)
        return id.problem();
    auto named = std::make_shared<sigstore::TrustedRoot>(*root);
    named->name = name;
    Result<KeyRing*> keyRing = keyring();
    if (!keyRing)
        return keyRing.problem();
    (*keyRing)->addRoot(*id, std::move(named), r.trust.trusted, r.trust.origin);
    out.keys << name;
    out.anchors.push_back({ QStringLiteral("trusted-root"), name, r.sha256, rootDetail(r.parts), r.trust, false, r.trust.trusted });
    return reverify(out);
}

Status EvidenceRecorder::Impl::reverify(EvidenceOutcome& out, const std::vector<EvidenceRecord>& candidates, int depth)
{
    bool layoutsChanged = false;
    // Each source is read and parsed once, however many of its parts are looked at again.
    std::map<qint64, std::vector<const EvidenceRecord*>> bySource;
    for (const EvidenceRecord& e : candidates)
        bySource[e.sourceId].push_back(&e);
    for (const auto& [sourceId, records] : bySource) {
        Result<QByteArray> bytes = sources.load(sourceId);
        if (!bytes)
            continue;
        auto parsed = readEvidence(*bytes, records.front()->sourceName, json);
        if (!parsed || !*parsed)
            continue;
        for (const EvidenceRecord* e : records)
            for (const EvidenceItem& item : (*parsed)->items) {
                if (item.record.part != e->part || !item.signedContent)
                    continue;
                Result<KeyRing*> keyRing = keyring();
                if (!keyRing)
                    return keyRing.problem();
                const VerificationOutcome v = verifySigned(*item.signedContent, **keyRing);
                if (v.verdict == e->verification.verdict && v.keyId == e->verification.keyId && v.trustedRootId == e->verification.trustedRootId
                    && v.detail == e->verification.detail)
                    continue;
                if (Status s = store.replaceVerification(e->id, v); !s)
                    return s;
                ++out.reverified;
                layoutsChanged = layoutsChanged || (e->kind == QLatin1String("in-toto-layout") && (v.verdict == Verification::Verified) != (e->verification.verdict == Verification::Verified));
            }
    }
    if (layoutsChanged && depth < 2) {
        // A layout that verifies now (or no longer): its functionaries decide its links.
        ring.reset();
        Result<std::vector<EvidenceRecord>> again = store.unverifiedSigned();
        if (!again)
            return again.problem();
        Result<std::vector<EvidenceRecord>> links = store.signedOfKind(QStringLiteral("in-toto-link"));
        if (!links)
            return links.problem();
        for (EvidenceRecord& link : *links)
            if (link.verification.verdict == Verification::Verified)
                again->push_back(std::move(link));
        return reverify(out, *again, depth + 1);
    }
    return {};
}

Result<EvidenceOutcome> EvidenceRecorder::setTrust(const QString& nameOrSha256, bool trusted, const QString& actor, const QString& how, Millis at)
{
    const QString wanted = nameOrSha256.startsWith(QLatin1String("sha256:")) ? nameOrSha256.mid(7) : nameOrSha256;
    std::vector<AnchorImport> found;
    std::vector<std::pair<qint64, qint64>> ids; // (key id, root id)
    const bool hex = wanted.size() >= 8 && QRegularExpression(QStringLiteral("^[0-9a-fA-F]+$")).match(wanted).hasMatch();
    Result<std::vector<KeyRecord>> keys = d->store.keys();
    if (!keys)
        return keys.problem();
    Result<std::vector<TrustedRootRecord>> roots = d->store.trustedRoots();
    if (!roots)
        return roots.problem();
    for (const KeyRecord& k : *keys)
        if (k.name == wanted || (hex && k.sha256.startsWith(wanted.toLower()))) {
            found.push_back({ QStringLiteral("key"), k.name, k.sha256, k.algorithm, k.trust, true });
            ids.push_back({ k.id, 0 });
        }
    for (const TrustedRootRecord& r : *roots)
        if (r.name == wanted || (hex && r.sha256.startsWith(wanted.toLower()))) {
            found.push_back({ QStringLiteral("trusted-root"), r.name, r.sha256, rootDetail(r.parts), r.trust, true });
            ids.push_back({ 0, r.id });
        }
    // A name wins over a prefix of another's hash.
    for (size_t i = 0; i < found.size() && found.size() > 1; ++i)
        if (found[i].name == wanted) {
            found = { found[i] };
            ids = { ids[i] };
        }
    if (found.empty())
        return Problem(QStringLiteral("the case holds no key or trusted root named '%1' (see `tideline keys`)").arg(nameOrSha256));
    if (found.size() > 1) {
        QStringList names;
        for (const AnchorImport& a : found)
            names << QStringLiteral("%1 (%2)").arg(a.name, a.sha256.left(16));
        return Problem(QStringLiteral("'%1' names %2: %3; give more of the sha256").arg(nameOrSha256).arg(found.size()).arg(names.join(QStringLiteral(", "))));
    }
    EvidenceOutcome out;
    AnchorImport a = found.front();
    const auto [keyId, rootId] = ids.front();
    if (a.trust.trusted == trusted) {
        out.anchors.push_back(a);
        out.nothingNew = true;
        return out;
    }
    // What to look at again: evidence no trusted key or root verified yet when trust is given; what this one made
    // verified when it is taken back.
    const Result<std::vector<EvidenceRecord>> before = trusted ? std::vector<EvidenceRecord>() : d->store.evidenceVerifiedWith(keyId, rootId);
    if (!before)
        return before.problem();
    a.trust.trusted = trusted;
    a.trust.by = actor;
    a.trust.at = at;
    a.trust.how = how;
    if (Status s = keyId ? d->store.setKeyTrust(keyId, a.trust) : d->store.setTrustedRootTrust(rootId, a.trust); !s)
        return s.problem();
    Result<KeyRing*> keyRing = d->keyring();
    if (!keyRing)
        return keyRing.problem();
    (*keyRing)->setTrusted(keyId, rootId, trusted);
    a.trustedNow = trusted;
    out.anchors.push_back(a);
    if (Status s = trusted ? d->reverify(out) : d->reverify(out, *before); !s)
        return s.problem();
    return out;
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
        Result<KeyRing*> keyRing = keyring();
        if (!keyRing)
            return keyRing.problem();
        r.verification = verifySigned(*item.signedContent, **keyRing);
    } else {
        r.verification.verdict = Verification::Unsigned;
        r.verification.detail = r.kind == QLatin1String("kosli-attestation") ? QStringLiteral("a Kosli record: it carries no signature")
                                                                             : QStringLiteral("carries no signature");
    }
    Result<qint64> id = store.insertEvidence(r);
    if (!id)
        return id.problem();
    ++out.evidence;
    if (item.layout && r.verification.verdict == Verification::Verified) {
        // A layout that verifies: its functionaries verify the links of its steps, those imported before it too.
        Result<KeyRing*> keyRing = keyring();
        if (!keyRing)
            return keyRing.problem();
        (*keyRing)->addLayout(namedLayout(*item.layout, r, ctx.fileName));
        if (Status s = reverify(out); !s)
            return s;
    }
    if (item.listsContents || !item.packages.empty()) {
        if (Status s = contents.insertSbom(*id, item.packages, item.described, item.listsContents); !s)
            return s;
        out.packages += int(item.packages.size());
    }

    std::vector<Binding> bindings = item.bindings;
    // One binding per digest: a statement naming one image under several tags binds it once, with every name.
    std::vector<std::pair<QString, QStringList>> subjects;
    for (const Subject& s : item.subjects) {
        if (s.sha256.isEmpty())
            continue;
        auto same = std::find_if(subjects.begin(), subjects.end(), [&](const auto& p) { return p.first == s.sha256; });
        if (same == subjects.end())
            subjects.push_back({ s.sha256, s.name.isEmpty() ? QStringList() : QStringList { s.name } });
        else if (!s.name.isEmpty() && !same->second.contains(s.name))
            same->second << s.name;
    }
    for (const auto& [sha, names] : subjects)
        bindings.push_back({ sha, r.name, item.subjectVia, names.join(QStringLiteral(", ")), ctx.importedAt });
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
        // The bytes are in the case already: only trust (a key or root imported on its own now), a binding or a name
        // given now can be new.
        for (const ParsedKey& k : file.keys)
            if (Status s = d->storeKey(k, sourceId, ctx, out); !s)
                return s.problem();
        for (const auto& root : file.roots)
            if (Status s = d->storeRoot(root, sourceId, ctx, out); !s)
                return s.problem();
        bool trustedNow = false;
        for (const AnchorImport& a : out.anchors)
            trustedNow = trustedNow || a.trustedNow;
        Result<std::vector<EvidenceRecord>> held = d->store.evidenceOfSource(sourceId);
        if (!held)
            return held.problem();
        for (const EvidenceRecord& e : *held) {
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
        out.nothingNew = out.bindings == 0 && !trustedNow;
        if (!trustedNow)
            out.warnings.clear();
        return out;
    }

    for (const ParsedKey& k : file.keys)
        if (Status s = d->storeKey(k, sourceId, ctx, out); !s)
            return s.problem();
    for (const auto& root : file.roots)
        if (Status s = d->storeRoot(root, sourceId, ctx, out); !s)
            return s.problem();

    if (file.flowTemplate)
        if (Result<qint64> t = d->store.insertTemplate(*file.flowTemplate, sourceId); !t)
            return t.problem();

    qint64 trailId = 0;
    if (file.trail) {
        TrailRecord t = file.trail->trail;
        Result<std::optional<TrailRecord>> held = d->store.trail(t.flow, t.name);
        if (!held)
            return held.problem();
        if (const std::optional<TrailRecord>& existing = *held) {
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
