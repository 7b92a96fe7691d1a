// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencestore.h"

#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unordered_map>

namespace tideline {

namespace {

using sql::nullableBool;
using sql::nullableId;
using sql::nullableText;
using sql::firstOf;
using sql::nullableTime;


std::optional<bool> boolAt(const QSqlQuery& q, int i)
{
    return q.value(i).isNull() ? std::nullopt : std::optional<bool>(q.value(i).toInt() != 0);
}
std::optional<Millis> timeAt(const QSqlQuery& q, int i)
{
    return q.value(i).isNull() ? std::nullopt : std::optional<Millis>(q.value(i).toLongLong());
}

Problem noId(const char* what) { return Problem(QStringLiteral("%1 insert returned no id").arg(QLatin1String(what))); }

#define KEY_COLUMNS                                                                                                    \
    "k.id, k.name, k.algorithm, k.spki, k.spki_sha256, k.source_id, s.sha256, k.imported_at, k.trusted, k.origin, k.trusted_by, " \
    "k.trusted_at, k.trusted_how FROM keys k JOIN sources s ON s.id = k.source_id "

// Five columns from first: trusted, origin, trusted_by, trusted_at, trusted_how.
TrustRecord trustFrom(const QSqlQuery& q, int first)
{
    TrustRecord t;
    t.trusted = q.value(first).toInt() != 0;
    t.origin = q.value(first + 1).toString();
    t.by = q.value(first + 2).toString();
    t.at = timeAt(q, first + 3);
    t.how = q.value(first + 4).toString();
    return t;
}

KeyRecord keyFrom(const QSqlQuery& q)
{
    KeyRecord k;
    k.id = q.value(0).toLongLong();
    k.name = q.value(1).toString();
    k.algorithm = q.value(2).toString();
    k.spki = q.value(3).toByteArray();
    k.sha256 = q.value(4).toString();
    k.hint = QString::fromLatin1(QByteArray::fromHex(k.sha256.toLatin1()).toBase64());
    k.sourceId = q.value(5).toLongLong();
    k.sourceSha256 = q.value(6).toString();
    k.importedAt = q.value(7).toLongLong();
    k.trust = trustFrom(q, 8);
    return k;
}

#define ROOT_COLUMNS                                                                                                   \
    "r.id, r.name, r.sha256, r.summary, r.source_id, s.sha256, r.imported_at, r.trusted, r.origin, r.trusted_by, r.trusted_at, " \
    "r.trusted_how FROM trusted_roots r JOIN sources s ON s.id = r.source_id "

const char* partKindKey = "kind";

QString partsJson(const std::vector<TrustedRootPart>& parts)
{
    QJsonArray a;
    for (const TrustedRootPart& p : parts)
        a.append(QJsonObject { { QLatin1String(partKindKey), p.kind }, { QStringLiteral("name"), p.name },
            { QStringLiteral("valid_from"), p.validFrom }, { QStringLiteral("valid_until"), p.validUntil ? QJsonValue(*p.validUntil) : QJsonValue() } });
    return QString::fromUtf8(QJsonDocument(QJsonObject { { QStringLiteral("parts"), a } }).toJson(QJsonDocument::Compact));
}

std::vector<TrustedRootPart> partsFrom(const QString& json)
{
    std::vector<TrustedRootPart> out;
    for (const QJsonValue v : QJsonDocument::fromJson(json.toUtf8()).object().value(QStringLiteral("parts")).toArray()) {
        const QJsonObject o = v.toObject();
        TrustedRootPart p;
        p.kind = o.value(QLatin1String(partKindKey)).toString();
        p.name = o.value(QStringLiteral("name")).toString();
        p.validFrom = static_cast<Millis>(o.value(QStringLiteral("valid_from")).toDouble());
        if (o.value(QStringLiteral("valid_until")).isDouble())
            p.validUntil = static_cast<Millis>(o.value(QStringLiteral("valid_until")).toDouble());
        out.push_back(p);
    }
    return out;
}

// Seven columns from first: keyid, key_id, key_name, result, detail, signer, issuer.
SignatureCheck signatureFrom(const QSqlQuery& q, int first)
{
    SignatureCheck c;
    c.keyid = q.value(first).toString();
    c.keyId = q.value(first + 1).isNull() ? 0 : q.value(first + 1).toLongLong();
    c.key = q.value(first + 2).toString();
    c.result = verificationFromName(q.value(first + 3).toString()).value_or(Verification::Unsupported);
    c.detail = q.value(first + 4).toString();
    c.signer = q.value(first + 5).toString();
    c.issuer = q.value(first + 6).toString();
    return c;
}

// Five columns from first: fingerprint, name, via, subject, attested_at.
Binding bindingFrom(const QSqlQuery& q, int first)
{
    return { q.value(first).toString(), q.value(first + 1).toString(), q.value(first + 2).toString(), q.value(first + 3).toString(),
        q.value(first + 4).toLongLong() };
}

TrustedRootRecord rootFrom(const QSqlQuery& q)
{
    TrustedRootRecord r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.sha256 = q.value(2).toString();
    r.parts = partsFrom(q.value(3).toString());
    r.sourceId = q.value(4).toLongLong();
    r.sourceSha256 = q.value(5).toString();
    r.importedAt = q.value(6).toLongLong();
    r.trust = trustFrom(q, 7);
    return r;
}

QVariantList trustValues(const TrustRecord& t)
{
    return { t.trusted ? 1 : 0, t.origin, nullableText(t.by), nullableTime(t.at), nullableText(t.how) };
}

#define EVIDENCE_COLUMNS                                                                                               \
    "e.id, e.source_id, s.sha256, s.name, e.part, e.kind, e.format, e.name, e.type, e.predicate_type, e.compliant, "    \
    "e.verification, e.verification_detail, e.key_id, k.name, NULL, e.flow, e.trail, e.trail_id, "   \
    "e.kosli_id, e.overrides, e.created_at, e.imported_at, e.summary, e.signer, e.signer_issuer, e.trusted_root_id, "     \
    "r.name, e.signed_at, e.time_source, e.log_entry, k.spki_sha256, k.trusted, k.origin, k.trusted_by, k.trusted_at, "   \
    "k.trusted_how, r.sha256, r.trusted, r.origin, r.trusted_by, r.trusted_at, r.trusted_how "                          \
    "FROM evidence e JOIN sources s ON s.id = e.source_id LEFT JOIN keys k ON k.id = e.key_id "                         \
    "LEFT JOIN trusted_roots r ON r.id = e.trusted_root_id "

EvidenceRecord evidenceFrom(const QSqlQuery& q)
{
    EvidenceRecord e;
    e.id = q.value(0).toLongLong();
    e.sourceId = q.value(1).toLongLong();
    e.sourceSha256 = q.value(2).toString();
    e.sourceName = q.value(3).toString();
    e.part = q.value(4).toInt();
    e.kind = q.value(5).toString();
    e.format = q.value(6).toString();
    e.name = q.value(7).toString();
    e.type = q.value(8).toString();
    e.predicateType = q.value(9).toString();
    e.compliant = boolAt(q, 10);
    e.verification.verdict = verificationFromName(q.value(11).toString()).value_or(Verification::Unsupported);
    e.verification.detail = q.value(12).toString();
    e.verification.keyId = q.value(13).isNull() ? 0 : q.value(13).toLongLong();
    e.verification.keyName = q.value(14).toString();
    e.flow = q.value(16).toString();
    e.trail = q.value(17).toString();
    e.trailId = q.value(18).isNull() ? 0 : q.value(18).toLongLong();
    e.kosliId = q.value(19).toString();
    e.overrides = q.value(20).toString();
    e.createdAt = timeAt(q, 21);
    e.importedAt = q.value(22).toLongLong();
    e.verification.signer = q.value(24).toString();
    e.verification.issuer = q.value(25).toString();
    e.verification.trustedRootId = q.value(26).isNull() ? 0 : q.value(26).toLongLong();
    e.verification.trustedRoot = q.value(27).toString();
    e.verification.signedAt = timeAt(q, 28);
    e.verification.timeSource = q.value(29).toString();
    e.verification.log = q.value(30).toString();
    if (e.verification.keyId) {
        e.verification.anchorSha256 = q.value(31).toString();
        e.verification.trust = trustFrom(q, 32);
    } else if (e.verification.trustedRootId) {
        e.verification.anchorSha256 = q.value(37).toString();
        e.verification.trust = trustFrom(q, 38);
    }
    e.summary = q.value(23).toString();
    return e;
}

#define TRAIL_COLUMNS "id, source_id, flow, name, template_id, compliance_state, is_compliant, created_at, modified_at, git_commit, detail, flow_tags FROM trails "

TrailRecord trailFrom(const QSqlQuery& q)
{
    TrailRecord t;
    t.id = q.value(0).toLongLong();
    t.sourceId = q.value(1).toLongLong();
    t.flow = q.value(2).toString();
    t.name = q.value(3).toString();
    t.templateId = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
    t.complianceState = q.value(5).toString();
    t.isCompliant = boolAt(q, 6);
    t.createdAt = timeAt(q, 7);
    t.modifiedAt = timeAt(q, 8);
    t.gitCommit = q.value(9).toString();
    t.detail = q.value(10).toString();
    t.flowTags = q.value(11).toString();
    return t;
}

// Three columns: id, flow, content.
FlowTemplate templateFrom(const QSqlQuery& q)
{
    FlowTemplate t;
    t.id = q.value(0).toLongLong();
    t.flow = q.value(1).toString();
    t.content = q.value(2).toString();
    return t;
}

// A requirement's artifact, name and type from column first.
void addRequirement(FlowTemplate& t, const QSqlQuery& q, int first)
{
    const TemplateRequirement r { q.value(first).toString(), q.value(first + 1).toString(), q.value(first + 2).toString() };
    if (!r.artifact.isEmpty() && !t.artifacts.contains(r.artifact))
        t.artifacts << r.artifact;
    t.requirements.push_back(r);
}

} // namespace

EvidenceStore::EvidenceStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

EvidenceStore::~EvidenceStore() = default;

Result<qint64> EvidenceStore::insertKey(const KeyRecord& k)
{
    auto st = m_sql->insert("INSERT INTO keys(name, algorithm, spki, spki_sha256, source_id, imported_at, trusted, origin, trusted_by, trusted_at, "
                            "trusted_how) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariantList t = trustValues(k.trust);
    if (Status s = st->run({ k.name, k.algorithm, k.spki, k.sha256, k.sourceId, k.importedAt, t[0], t[1], t[2], t[3], t[4] }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("key");
    return *id;
}

Result<std::vector<KeyRecord>> EvidenceStore::keys()
{
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "ORDER BY k.name");
    return sql::rows(*st, {}, QStringLiteral("the keys"), keyFrom);
}

Result<std::optional<KeyRecord>> EvidenceStore::keyByName(const QString& name)
{
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "WHERE k.name = ?");
    return firstOf(sql::rows(*st, { name }, QStringLiteral("key %1").arg(name), keyFrom));
}

Result<std::optional<KeyRecord>> EvidenceStore::keyBySha256(const QString& spkiSha256)
{
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "WHERE k.spki_sha256 = ?");
    return firstOf(sql::rows(*st, { spkiSha256 }, QStringLiteral("key %1").arg(spkiSha256.left(16)), keyFrom));
}

Status EvidenceStore::setKeyTrust(qint64 id, const TrustRecord& t)
{
    auto st = (*m_sql)("UPDATE keys SET trusted = ?, trusted_by = ?, trusted_at = ?, trusted_how = ? WHERE id = ?");
    const QVariantList v = trustValues(t);
    return st->run({ v[0], v[2], v[3], v[4], id });
}

Result<qint64> EvidenceStore::insertTrustedRoot(const TrustedRootRecord& r)
{
    auto st = m_sql->insert("INSERT INTO trusted_roots(name, sha256, summary, source_id, imported_at, trusted, origin, trusted_by, trusted_at, "
                            "trusted_how) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariantList t = trustValues(r.trust);
    if (Status s = st->run({ r.name, r.sha256, partsJson(r.parts), r.sourceId, r.importedAt, t[0], t[1], t[2], t[3], t[4] }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("trusted root");
    return *id;
}

Result<std::vector<TrustedRootRecord>> EvidenceStore::trustedRoots()
{
    auto st = (*m_sql)("SELECT " ROOT_COLUMNS "ORDER BY r.name");
    return sql::rows(*st, {}, QStringLiteral("the trusted roots"), rootFrom);
}

Result<std::optional<TrustedRootRecord>> EvidenceStore::trustedRootByName(const QString& name)
{
    auto st = (*m_sql)("SELECT " ROOT_COLUMNS "WHERE r.name = ?");
    return firstOf(sql::rows(*st, { name }, QStringLiteral("trusted root %1").arg(name), rootFrom));
}

Result<std::optional<TrustedRootRecord>> EvidenceStore::trustedRootBySha256(const QString& sha256)
{
    auto st = (*m_sql)("SELECT " ROOT_COLUMNS "WHERE r.sha256 = ?");
    return firstOf(sql::rows(*st, { sha256 }, QStringLiteral("trusted root %1").arg(sha256.left(16)), rootFrom));
}

Status EvidenceStore::setTrustedRootTrust(qint64 id, const TrustRecord& t)
{
    auto st = (*m_sql)("UPDATE trusted_roots SET trusted = ?, trusted_by = ?, trusted_at = ?, trusted_how = ? WHERE id = ?");
    const QVariantList v = trustValues(t);
    return st->run({ v[0], v[2], v[3], v[4], id });
}

Result<qint64> EvidenceStore::insertEvidence(const EvidenceRecord& e)
{
    auto st = m_sql->insert("INSERT INTO evidence(source_id, part, kind, format, name, type, predicate_type, compliant, verification, "
                            "verification_detail, key_id, flow, trail, trail_id, kosli_id, overrides, created_at, imported_at, summary, signer, "
                            "signer_issuer, trusted_root_id, signed_at, time_source, log_entry) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const VerificationOutcome& v = e.verification;
    if (Status s = st->run({ e.sourceId, e.part, e.kind, e.format, nullableText(e.name), e.type, nullableText(e.predicateType),
            nullableBool(e.compliant), verificationName(v.verdict), v.detail, nullableId(v.keyId), nullableText(e.flow),
            nullableText(e.trail), nullableId(e.trailId), nullableText(e.kosliId), nullableText(e.overrides), nullableTime(e.createdAt),
            e.importedAt, e.summary, nullableText(v.signer), nullableText(v.issuer), nullableId(v.trustedRootId), nullableTime(v.signedAt),
            nullableText(v.timeSource), nullableText(v.log) });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("evidence");
    int position = 0;
    for (const SignatureCheck& c : v.signatures) {
        auto sig = (*m_sql)("INSERT INTO evidence_signatures(evidence_id, position, keyid, key_id, key_name, result, detail, signer, issuer) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (Status s = sig->run({ *id, position++, c.keyid, nullableId(c.keyId), nullableText(c.key), verificationName(c.result), c.detail,
                nullableText(c.signer), nullableText(c.issuer) });
            !s)
            return s.problem();
    }
    return *id;
}

Result<bool> EvidenceStore::addBinding(qint64 evidenceId, const Binding& b)
{
    {
        auto st = (*m_sql)("SELECT 1 FROM evidence_bindings WHERE evidence_id = ? AND fingerprint = ? AND name = ?");
        if (Status s = st->run({ evidenceId, b.fingerprint, b.name }); !s)
            return s.problem();
        if (st->query().next())
            return false;
    }
    auto st = (*m_sql)("INSERT INTO evidence_bindings(evidence_id, fingerprint, name, via, subject, attested_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ evidenceId, b.fingerprint, b.name, b.via, nullableText(b.subject), b.attestedAt }); !s)
        return s.problem();
    return true;
}

Status EvidenceStore::setName(qint64 evidenceId, const QString& name)
{
    auto st = (*m_sql)("UPDATE evidence SET name = ? WHERE id = ?");
    return st->run({ nullableText(name), evidenceId });
}

Status EvidenceStore::replaceVerification(qint64 evidenceId, const VerificationOutcome& v)
{
    {
        auto st = (*m_sql)("UPDATE evidence SET verification = ?, verification_detail = ?, key_id = ?, signer = ?, signer_issuer = ?, "
                           "trusted_root_id = ?, signed_at = ?, time_source = ?, log_entry = ? WHERE id = ?");
        if (Status s = st->run({ verificationName(v.verdict), v.detail, nullableId(v.keyId), nullableText(v.signer), nullableText(v.issuer),
                nullableId(v.trustedRootId), nullableTime(v.signedAt), nullableText(v.timeSource), nullableText(v.log), evidenceId });
            !s)
            return s;
    }
    {
        auto st = (*m_sql)("DELETE FROM evidence_signatures WHERE evidence_id = ?");
        if (Status s = st->run({ evidenceId }); !s)
            return s;
    }
    int position = 0;
    for (const SignatureCheck& c : v.signatures) {
        auto sig = (*m_sql)("INSERT INTO evidence_signatures(evidence_id, position, keyid, key_id, key_name, result, detail, signer, issuer) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (Status s = sig->run({ evidenceId, position++, c.keyid, nullableId(c.keyId), nullableText(c.key), verificationName(c.result), c.detail,
                nullableText(c.signer), nullableText(c.issuer) });
            !s)
            return s;
    }
    return {};
}

Status EvidenceStore::loadDetails(EvidenceRecord& e, const QString& bindingsOf)
{
    {
        auto st = (*m_sql)("SELECT keyid, key_id, key_name, result, detail, signer, issuer FROM evidence_signatures WHERE evidence_id = ? "
                           "ORDER BY position");
        Result<std::vector<SignatureCheck>> signatures
            = sql::rows(*st, { e.id }, QStringLiteral("the signatures of evidence #%1").arg(e.id), [](const QSqlQuery& q) { return signatureFrom(q, 0); });
        if (!signatures)
            return signatures.problem();
        e.verification.signatures = std::move(signatures).value();
    }
    const QString what = QStringLiteral("the bindings of evidence #%1").arg(e.id);
    auto bindingAt0 = [](const QSqlQuery& q) { return bindingFrom(q, 0); };
    Result<std::vector<Binding>> bindings = std::vector<Binding>();
    if (bindingsOf.isEmpty()) {
        auto st = (*m_sql)("SELECT fingerprint, name, via, subject, attested_at FROM evidence_bindings WHERE evidence_id = ? ORDER BY id");
        bindings = sql::rows(*st, { e.id }, what, bindingAt0);
    } else {
        auto st = (*m_sql)("SELECT fingerprint, name, via, subject, attested_at FROM evidence_bindings WHERE evidence_id = ? AND fingerprint = ? "
                           "ORDER BY id");
        bindings = sql::rows(*st, { e.id, bindingsOf }, what, bindingAt0);
    }
    if (!bindings)
        return bindings.problem();
    e.bindings = std::move(bindings).value();
    return {};
}

Result<std::vector<EvidenceRecord>> EvidenceStore::readEvidence(const char* text, std::initializer_list<QVariant> values, const QString& what,
    const QString& bindingsOf)
{
    Result<std::vector<EvidenceRecord>> out = [&] {
        auto st = (*m_sql)(text);
        return sql::rows(*st, values, what, evidenceFrom);
    }();
    if (!out)
        return out;
    for (EvidenceRecord& e : *out)
        if (Status s = loadDetails(e, bindingsOf); !s)
            return s.problem();
    return out;
}

Result<std::optional<EvidenceRecord>> EvidenceStore::evidence(qint64 id)
{
    return firstOf(readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.id = ?", { id }, QStringLiteral("evidence #%1").arg(id)));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::evidenceOfSource(qint64 sourceId)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.source_id = ? ORDER BY e.part", { sourceId }, QStringLiteral("the evidence of a source"));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::evidenceFor(const QString& fingerprint)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.id IN (SELECT evidence_id FROM evidence_bindings WHERE fingerprint = ?) ORDER BY e.id",
        { fingerprint }, QStringLiteral("the evidence for %1").arg(fingerprint.left(12)), fingerprint);
}

Result<std::vector<EvidenceRecord>> EvidenceStore::unboundEvidence()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE NOT EXISTS (SELECT 1 FROM evidence_bindings b WHERE b.evidence_id = e.id) ORDER BY e.id", {},
        QStringLiteral("the unbound evidence"));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::allEvidence()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "ORDER BY e.id", {}, QStringLiteral("the evidence"));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::allEvidenceInBulk()
{
    std::unordered_map<qint64, size_t> at;
    Result<std::vector<EvidenceRecord>> read = [&] {
        auto st = (*m_sql)("SELECT " EVIDENCE_COLUMNS "ORDER BY e.id");
        return sql::rows(*st, {}, QStringLiteral("the evidence"), evidenceFrom);
    }();
    if (!read)
        return read;
    std::vector<EvidenceRecord>& out = *read;
    for (size_t i = 0; i < out.size(); ++i)
        at.emplace(out[i].id, i);
    {
        const QString what = QStringLiteral("the evidence's signatures");
        auto st = (*m_sql)("SELECT evidence_id, keyid, key_id, key_name, result, detail, signer, issuer FROM evidence_signatures "
                           "ORDER BY evidence_id, position");
        if (Status s = st->read({}, what); !s)
            return s.problem();
        while (st->query().next())
            if (const auto found = at.find(st->query().value(0).toLongLong()); found != at.end())
                out[found->second].verification.signatures.push_back(signatureFrom(st->query(), 1));
        if (Status s = st->rowsRead(what); !s)
            return s.problem();
    }
    {
        const QString what = QStringLiteral("the evidence's bindings");
        auto st = (*m_sql)("SELECT evidence_id, fingerprint, name, via, subject, attested_at FROM evidence_bindings ORDER BY evidence_id, id");
        if (Status s = st->read({}, what); !s)
            return s.problem();
        while (st->query().next())
            if (const auto found = at.find(st->query().value(0).toLongLong()); found != at.end())
                out[found->second].bindings.push_back(bindingFrom(st->query(), 1));
        if (Status s = st->rowsRead(what); !s)
            return s.problem();
    }
    return read;
}

Result<std::vector<EvidenceRecord>> EvidenceStore::unverifiedSigned()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.verification NOT IN ('verified', 'unsigned') ORDER BY e.id", {},
        QStringLiteral("the signed evidence not yet verified"));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::verifiedLayouts()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.kind = 'in-toto-layout' AND e.verification = 'verified' ORDER BY e.id", {},
        QStringLiteral("the verified in-toto layouts"));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::signedOfKind(const QString& kind)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.kind = ? AND e.verification <> 'unsigned' ORDER BY e.id", { kind },
        QStringLiteral("the signed %1 evidence").arg(kind));
}

Result<std::vector<EvidenceRecord>> EvidenceStore::evidenceVerifiedWith(qint64 keyId, qint64 trustedRootId)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.verification = 'verified' AND (e.key_id = ? OR e.trusted_root_id = ?) ORDER BY e.id",
        { keyId > 0 ? keyId : -1, trustedRootId > 0 ? trustedRootId : -1 }, QStringLiteral("the evidence verified with a key or trusted root"));
}

Result<qint64> EvidenceStore::insertTemplate(const FlowTemplate& t, qint64 sourceId)
{
    qint64 id = 0;
    {
        auto st = m_sql->insert("INSERT INTO flow_templates(source_id, flow, content) VALUES (?, ?, ?)");
        if (Status s = st->run({ sourceId, nullableText(t.flow), t.content }); !s)
            return s.problem();
        const auto inserted = st->insertedId();
        if (!inserted)
            return noId("flow template");
        id = *inserted;
    }
    int position = 0;
    for (const TemplateRequirement& r : t.requirements) {
        auto st = (*m_sql)("INSERT INTO template_requirements(template_id, position, artifact, name, type) VALUES (?, ?, ?, ?, ?)");
        if (Status s = st->run({ id, position++, nullableText(r.artifact), r.name, r.type }); !s)
            return s.problem();
    }
    return id;
}

Result<std::optional<FlowTemplate>> EvidenceStore::flowTemplate(qint64 id)
{
    const QString what = QStringLiteral("flow template #%1").arg(id);
    Result<std::optional<FlowTemplate>> t = [&] {
        auto st = (*m_sql)("SELECT id, flow, content FROM flow_templates WHERE id = ?");
        return firstOf(sql::rows(*st, { id }, what, templateFrom));
    }();
    if (!t || !*t)
        return t;
    auto st = (*m_sql)("SELECT artifact, name, type FROM template_requirements WHERE template_id = ? ORDER BY position");
    if (Status s = st->read({ id }, what); !s)
        return s.problem();
    while (st->query().next())
        addRequirement(**t, st->query(), 0);
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return t;
}

Result<std::vector<FlowTemplate>> EvidenceStore::flowTemplates()
{
    const QString what = QStringLiteral("the flow templates");
    Result<std::vector<FlowTemplate>> out = [&] {
        auto st = (*m_sql)("SELECT id, flow, content FROM flow_templates ORDER BY id");
        return sql::rows(*st, {}, what, templateFrom);
    }();
    if (!out)
        return out;
    std::unordered_map<qint64, size_t> at;
    for (size_t i = 0; i < out->size(); ++i)
        at.emplace((*out)[i].id, i);
    auto st = (*m_sql)("SELECT template_id, artifact, name, type FROM template_requirements ORDER BY template_id, position");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    while (st->query().next())
        if (const auto found = at.find(st->query().value(0).toLongLong()); found != at.end())
            addRequirement((*out)[found->second], st->query(), 1);
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<qint64> EvidenceStore::insertTrail(const TrailRecord& t)
{
    auto st = m_sql->insert("INSERT INTO trails(source_id, flow, name, template_id, compliance_state, is_compliant, created_at, modified_at, "
                            "git_commit, detail, flow_tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ t.sourceId, t.flow, t.name, nullableId(t.templateId), nullableText(t.complianceState), nullableBool(t.isCompliant),
            nullableTime(t.createdAt), nullableTime(t.modifiedAt), nullableText(t.gitCommit), t.detail, nullableText(t.flowTags) });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("trail");
    return *id;
}

Result<std::optional<TrailRecord>> EvidenceStore::trail(const QString& flow, const QString& name)
{
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "WHERE flow = ? AND name = ?");
    return firstOf(sql::rows(*st, { flow, name }, QStringLiteral("trail %1/%2").arg(flow, name), trailFrom));
}

Result<std::optional<TrailRecord>> EvidenceStore::trailById(qint64 id)
{
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "WHERE id = ?");
    return firstOf(sql::rows(*st, { id }, QStringLiteral("trail #%1").arg(id), trailFrom));
}

Result<std::vector<TrailRecord>> EvidenceStore::trails()
{
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "ORDER BY flow, name");
    return sql::rows(*st, {}, QStringLiteral("the trails"), trailFrom);
}

Status EvidenceStore::deleteTrail(qint64 id)
{
    for (const char* text : { "DELETE FROM evidence_bindings WHERE evidence_id IN (SELECT id FROM evidence WHERE trail_id = ?)",
             "DELETE FROM evidence_signatures WHERE evidence_id IN (SELECT id FROM evidence WHERE trail_id = ?)",
             "DELETE FROM evidence WHERE trail_id = ?", "DELETE FROM provenance WHERE trail_id = ?", "DELETE FROM trails WHERE id = ?" }) {
        auto st = (*m_sql)(text);
        if (Status s = st->run({ id }); !s)
            return s;
    }
    return {};
}

Result<qint64> EvidenceStore::insertProvenance(const ProvenanceRecord& p)
{
    auto st = m_sql->insert("INSERT INTO provenance(source_id, fingerprint, flow, trail, template_name, artifact_name, trail_id, status, "
                            "is_compliant, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ p.sourceId, p.fingerprint, p.flow, nullableText(p.trail), nullableText(p.templateName), nullableText(p.artifactName),
            nullableId(p.trailId), nullableText(p.status), nullableBool(p.isCompliant), nullableTime(p.createdAt) });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("provenance");
    return *id;
}

Result<std::vector<ProvenanceRecord>> EvidenceStore::readProvenance(const char* text, std::initializer_list<QVariant> values, const QString& what)
{
    auto st = (*m_sql)(text);
    return sql::rows(*st, values, what, [](const QSqlQuery& q) {
        ProvenanceRecord p;
        p.id = q.value(0).toLongLong();
        p.sourceId = q.value(1).toLongLong();
        p.fingerprint = q.value(2).toString();
        p.flow = q.value(3).toString();
        p.trail = q.value(4).toString();
        p.templateName = q.value(5).toString();
        p.artifactName = q.value(6).toString();
        p.trailId = q.value(7).isNull() ? 0 : q.value(7).toLongLong();
        p.status = q.value(8).toString();
        p.isCompliant = boolAt(q, 9);
        p.createdAt = timeAt(q, 10);
        p.sourceName = q.value(11).toString();
        return p;
    });
}

#define PROVENANCE_COLUMNS                                                                                                   \
    "p.id, p.source_id, p.fingerprint, p.flow, p.trail, p.template_name, p.artifact_name, p.trail_id, p.status, p.is_compliant, " \
    "p.created_at, s.name FROM provenance p JOIN sources s ON s.id = p.source_id "

Result<std::vector<ProvenanceRecord>> EvidenceStore::provenanceOf(const QString& fingerprint)
{
    return readProvenance("SELECT " PROVENANCE_COLUMNS "WHERE p.fingerprint = ? ORDER BY p.id", { fingerprint },
        QStringLiteral("the provenance of %1").arg(fingerprint.left(12)));
}

Result<std::vector<ProvenanceRecord>> EvidenceStore::allProvenance()
{
    return readProvenance("SELECT " PROVENANCE_COLUMNS "ORDER BY p.id", {}, QStringLiteral("the provenance"));
}

} // namespace tideline
