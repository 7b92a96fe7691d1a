// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencestore.h"

#include "store/sql.h"

#include <unordered_map>

namespace tideline {

namespace {

QVariant nullableId(qint64 id) { return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong)); }
QVariant nullableText(const QString& s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); }
QVariant nullableTime(const std::optional<Millis>& t) { return t ? QVariant(*t) : QVariant(QMetaType(QMetaType::LongLong)); }
QVariant nullableBool(const std::optional<bool>& b) { return b ? QVariant(*b ? 1 : 0) : QVariant(QMetaType(QMetaType::Int)); }

std::optional<bool> boolAt(const QSqlQuery& q, int i)
{
    return q.value(i).isNull() ? std::nullopt : std::optional<bool>(q.value(i).toInt() != 0);
}
std::optional<Millis> timeAt(const QSqlQuery& q, int i)
{
    return q.value(i).isNull() ? std::nullopt : std::optional<Millis>(q.value(i).toLongLong());
}

Problem noId(const char* what) { return Problem(QStringLiteral("%1 insert returned no id").arg(QLatin1String(what))); }

#define KEY_COLUMNS "k.id, k.name, k.algorithm, k.spki, k.spki_sha256, k.source_id, s.sha256, k.imported_at FROM keys k JOIN sources s ON s.id = k.source_id "

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
    return k;
}

#define EVIDENCE_COLUMNS                                                                                               \
    "e.id, e.source_id, s.sha256, s.name, e.part, e.kind, e.format, e.name, e.type, e.predicate_type, e.compliant, "    \
    "e.verification, e.verification_detail, e.key_id, k.name, NULL, e.flow, e.trail, e.trail_id, "   \
    "e.kosli_id, e.overrides, e.created_at, e.imported_at, e.summary, e.signer, e.signer_issuer, e.trusted_root_id, "     \
    "r.name, e.signed_at, e.time_source, e.log_entry "                                                                  \
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

} // namespace

EvidenceStore::EvidenceStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

EvidenceStore::~EvidenceStore() = default;

Result<qint64> EvidenceStore::insertKey(const KeyRecord& k)
{
    auto st = m_sql->insert("INSERT INTO keys(name, algorithm, spki, spki_sha256, source_id, imported_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ k.name, k.algorithm, k.spki, k.sha256, k.sourceId, k.importedAt }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return noId("key");
    return *id;
}

std::vector<KeyRecord> EvidenceStore::keys()
{
    std::vector<KeyRecord> out;
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "ORDER BY k.name");
    if (!st->run({}))
        return out;
    while (st->query().next())
        out.push_back(keyFrom(st->query()));
    return out;
}

std::optional<KeyRecord> EvidenceStore::keyByName(const QString& name)
{
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "WHERE k.name = ?");
    if (!st->run({ name }) || !st->query().next())
        return std::nullopt;
    return keyFrom(st->query());
}

std::optional<KeyRecord> EvidenceStore::keyBySha256(const QString& spkiSha256)
{
    auto st = (*m_sql)("SELECT " KEY_COLUMNS "WHERE k.spki_sha256 = ?");
    if (!st->run({ spkiSha256 }) || !st->query().next())
        return std::nullopt;
    return keyFrom(st->query());
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

void EvidenceStore::loadDetails(EvidenceRecord& e, const QString& bindingsOf)
{
    {
        auto st = (*m_sql)("SELECT keyid, key_id, key_name, result, detail, signer, issuer FROM evidence_signatures WHERE evidence_id = ? "
                           "ORDER BY position");
        if (st->run({ e.id }))
            while (st->query().next()) {
                const QSqlQuery& q = st->query();
                SignatureCheck c;
                c.keyid = q.value(0).toString();
                c.keyId = q.value(1).isNull() ? 0 : q.value(1).toLongLong();
                c.key = q.value(2).toString();
                c.result = verificationFromName(q.value(3).toString()).value_or(Verification::Unsupported);
                c.detail = q.value(4).toString();
                c.signer = q.value(5).toString();
                c.issuer = q.value(6).toString();
                e.verification.signatures.push_back(c);
            }
    }
    auto readBindings = [&](sql::Statement& st) {
        while (st.query().next()) {
            const QSqlQuery& q = st.query();
            e.bindings.push_back({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong() });
        }
    };
    if (bindingsOf.isEmpty()) {
        auto st = (*m_sql)("SELECT fingerprint, name, via, subject, attested_at FROM evidence_bindings WHERE evidence_id = ? ORDER BY id");
        if (st->run({ e.id }))
            readBindings(*st);
    } else {
        auto st = (*m_sql)("SELECT fingerprint, name, via, subject, attested_at FROM evidence_bindings WHERE evidence_id = ? AND fingerprint = ? "
                           "ORDER BY id");
        if (st->run({ e.id, bindingsOf }))
            readBindings(*st);
    }
}

std::vector<EvidenceRecord> EvidenceStore::readEvidence(const char* text, std::initializer_list<QVariant> values, const QString& bindingsOf)
{
    std::vector<EvidenceRecord> out;
    {
        auto st = (*m_sql)(text);
        if (!st->run(values))
            return out;
        while (st->query().next())
            out.push_back(evidenceFrom(st->query()));
    }
    for (EvidenceRecord& e : out)
        loadDetails(e, bindingsOf);
    return out;
}

std::optional<EvidenceRecord> EvidenceStore::evidence(qint64 id)
{
    auto list = readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.id = ?", { id });
    if (list.empty())
        return std::nullopt;
    return list.front();
}

std::vector<EvidenceRecord> EvidenceStore::evidenceOfSource(qint64 sourceId)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.source_id = ? ORDER BY e.part", { sourceId });
}

std::vector<EvidenceRecord> EvidenceStore::evidenceFor(const QString& fingerprint)
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.id IN (SELECT evidence_id FROM evidence_bindings WHERE fingerprint = ?) ORDER BY e.id",
        { fingerprint }, fingerprint);
}

std::vector<EvidenceRecord> EvidenceStore::unboundEvidence()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE NOT EXISTS (SELECT 1 FROM evidence_bindings b WHERE b.evidence_id = e.id) ORDER BY e.id", {});
}

std::vector<EvidenceRecord> EvidenceStore::allEvidence() { return readEvidence("SELECT " EVIDENCE_COLUMNS "ORDER BY e.id", {}); }

std::vector<EvidenceRecord> EvidenceStore::allEvidenceInBulk()
{
    std::vector<EvidenceRecord> out;
    std::unordered_map<qint64, size_t> at;
    {
        auto st = (*m_sql)("SELECT " EVIDENCE_COLUMNS "ORDER BY e.id");
        if (!st->run({}))
            return out;
        while (st->query().next()) {
            out.push_back(evidenceFrom(st->query()));
            at.emplace(out.back().id, out.size() - 1);
        }
    }
    {
        auto st = (*m_sql)("SELECT evidence_id, keyid, key_id, key_name, result, detail, signer, issuer FROM evidence_signatures "
                           "ORDER BY evidence_id, position");
        if (st->run({}))
            while (st->query().next()) {
                const QSqlQuery& q = st->query();
                const auto found = at.find(q.value(0).toLongLong());
                if (found == at.end())
                    continue;
                SignatureCheck c;
                c.keyid = q.value(1).toString();
                c.keyId = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
                c.key = q.value(3).toString();
                c.result = verificationFromName(q.value(4).toString()).value_or(Verification::Unsupported);
                c.detail = q.value(5).toString();
                c.signer = q.value(6).toString();
                c.issuer = q.value(7).toString();
                out[found->second].verification.signatures.push_back(c);
            }
    }
    {
        auto st = (*m_sql)("SELECT evidence_id, fingerprint, name, via, subject, attested_at FROM evidence_bindings ORDER BY evidence_id, id");
        if (st->run({}))
            while (st->query().next()) {
                const QSqlQuery& q = st->query();
                const auto found = at.find(q.value(0).toLongLong());
                if (found != at.end())
                    out[found->second].bindings.push_back(
                        { q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong() });
            }
    }
    return out;
}

std::vector<EvidenceRecord> EvidenceStore::unverifiedSigned()
{
    return readEvidence("SELECT " EVIDENCE_COLUMNS "WHERE e.verification NOT IN ('verified', 'unsigned') ORDER BY e.id", {});
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

std::optional<FlowTemplate> EvidenceStore::flowTemplate(qint64 id)
{
    FlowTemplate t;
    {
        auto st = (*m_sql)("SELECT id, flow, content FROM flow_templates WHERE id = ?");
        if (!st->run({ id }) || !st->query().next())
            return std::nullopt;
        t.id = st->query().value(0).toLongLong();
        t.flow = st->query().value(1).toString();
        t.content = st->query().value(2).toString();
    }
    auto st = (*m_sql)("SELECT artifact, name, type FROM template_requirements WHERE template_id = ? ORDER BY position");
    if (st->run({ id }))
        while (st->query().next()) {
            const TemplateRequirement r { st->query().value(0).toString(), st->query().value(1).toString(), st->query().value(2).toString() };
            if (!r.artifact.isEmpty() && !t.artifacts.contains(r.artifact))
                t.artifacts << r.artifact;
            t.requirements.push_back(r);
        }
    return t;
}

std::vector<FlowTemplate> EvidenceStore::flowTemplates()
{
    std::vector<FlowTemplate> out;
    std::unordered_map<qint64, size_t> at;
    {
        auto st = (*m_sql)("SELECT id, flow, content FROM flow_templates ORDER BY id");
        if (!st->run({}))
            return out;
        while (st->query().next()) {
            FlowTemplate t;
            t.id = st->query().value(0).toLongLong();
            t.flow = st->query().value(1).toString();
            t.content = st->query().value(2).toString();
            at.emplace(t.id, out.size());
            out.push_back(std::move(t));
        }
    }
    auto st = (*m_sql)("SELECT template_id, artifact, name, type FROM template_requirements ORDER BY template_id, position");
    if (st->run({}))
        while (st->query().next()) {
            const auto found = at.find(st->query().value(0).toLongLong());
            if (found == at.end())
                continue;
            FlowTemplate& t = out[found->second];
            const TemplateRequirement r { st->query().value(1).toString(), st->query().value(2).toString(), st->query().value(3).toString() };
            if (!r.artifact.isEmpty() && !t.artifacts.contains(r.artifact))
                t.artifacts << r.artifact;
            t.requirements.push_back(r);
        }
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

std::optional<TrailRecord> EvidenceStore::trail(const QString& flow, const QString& name)
{
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "WHERE flow = ? AND name = ?");
    if (!st->run({ flow, name }) || !st->query().next())
        return std::nullopt;
    return trailFrom(st->query());
}

std::optional<TrailRecord> EvidenceStore::trailById(qint64 id)
{
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "WHERE id = ?");
    if (!st->run({ id }) || !st->query().next())
        return std::nullopt;
    return trailFrom(st->query());
}

std::vector<TrailRecord> EvidenceStore::trails()
{
    std::vector<TrailRecord> out;
    auto st = (*m_sql)("SELECT " TRAIL_COLUMNS "ORDER BY flow, name");
    if (st->run({}))
        while (st->query().next())
            out.push_back(trailFrom(st->query()));
    return out;
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

std::vector<ProvenanceRecord> EvidenceStore::readProvenance(const char* text, std::initializer_list<QVariant> values)
{
    std::vector<ProvenanceRecord> out;
    auto st = (*m_sql)(text);
    if (!st->run(values))
        return out;
    while (st->query().next()) {
        const QSqlQuery& q = st->query();
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
        out.push_back(p);
    }
    return out;
}

#define PROVENANCE_COLUMNS                                                                                                   \
    "p.id, p.source_id, p.fingerprint, p.flow, p.trail, p.template_name, p.artifact_name, p.trail_id, p.status, p.is_compliant, " \
    "p.created_at, s.name FROM provenance p JOIN sources s ON s.id = p.source_id "

std::vector<ProvenanceRecord> EvidenceStore::provenanceOf(const QString& fingerprint)
{
    return readProvenance("SELECT " PROVENANCE_COLUMNS "WHERE p.fingerprint = ? ORDER BY p.id", { fingerprint });
}

std::vector<ProvenanceRecord> EvidenceStore::allProvenance() { return readProvenance("SELECT " PROVENANCE_COLUMNS "ORDER BY p.id", {}); }

} // namespace tideline
