// SPDX-License-Identifier: GPL-3.0-or-later
#include "attestations.h"

#include "domain/digest.h"
#include "domain/hash.h"
#include "domain/json.h"
#include "evidence/sigstore/bundle.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace tideline::attestation {

namespace {

QString str(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
QByteArray bytes(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

Problem problemAt(const QString& file, const QString& where, const QString& message) { return Problem { file, where, message }; }

QString join(const QString& where, const char* key) { return jsonMember(where, key); }

// A statement's sha256 digest, normalised; empty when absent; a warning when present but malformed.
QString subjectSha256(const JsonValue& digestSet, const QString& file, const QString& where, std::vector<Problem>& warnings)
{
    const JsonValue v = digestSet["sha256"];
    if (!v.isValid())
        return QString();
    const auto s = v.string();
    const auto d = s ? digest::normalize(*s) : std::nullopt;
    if (!d) {
        warnings.push_back({ file, where + QStringLiteral(".sha256"), QStringLiteral("not a sha256 digest (64 hex characters): ignored") });
        return QString();
    }
    return QString::fromStdString(*d);
}

// Fills kind, predicate type, subjects, compliance and summary from a parsed in-toto payload.
void interpretStatement(EvidenceItem& item, const JsonValue& s, const QString& file, QJsonObject& summary, std::vector<Problem>& warnings)
{
    EvidenceRecord& r = item.record;
    const QString type = s["_type"].qstring();
    r.type = QStringLiteral("generic");
    if (type.startsWith(QLatin1String("https://in-toto.io/Statement/"))) {
        r.kind = QStringLiteral("in-toto-statement");
        r.predicateType = s["predicateType"].qstring();
        summary.insert(QStringLiteral("statement_type"), type);
        summary.insert(QStringLiteral("predicate_type"), r.predicateType);
        size_t i = 0;
        for (const JsonValue subject : s["subject"].elements()) {
            const QString where = jsonIndex(QStringLiteral("payload.subject"), i++);
            QString name = subject["name"].qstring();
            if (name == QLatin1String("_"))
                name.clear();
            item.subjects.push_back({ name, subjectSha256(subject["digest"], file, where + QStringLiteral(".digest"), warnings) });
        }
        const JsonValue predicate = s["predicate"];
        const QString builder = predicate["runDetails"]["builder"]["id"].isString() ? predicate["runDetails"]["builder"]["id"].qstring()
                                                                                   : predicate["builder"]["id"].qstring();
        if (!builder.isEmpty())
            summary.insert(QStringLiteral("builder"), builder);
        // The predicates that carry a verdict decide compliance; the others make no pass/fail claim.
        if (r.predicateType.startsWith(QLatin1String("https://slsa.dev/verification_summary/"))) {
            const QString result = predicate["verificationResult"].qstring();
            summary.insert(QStringLiteral("verification_result"), result);
            if (result == QLatin1String("PASSED"))
                r.compliant = true;
            else if (result == QLatin1String("FAILED"))
                r.compliant = false;
        } else if (r.predicateType.startsWith(QLatin1String("https://in-toto.io/attestation/test-result/"))) {
            const QString result = predicate["result"].qstring();
            summary.insert(QStringLiteral("result"), result);
            if (result == QLatin1String("PASSED") || result == QLatin1String("WARNED"))
                r.compliant = true;
            else if (result == QLatin1String("FAILED"))
                r.compliant = false;
        }
    } else if (type == QLatin1String("link")) {
        r.kind = QStringLiteral("in-toto-link");
        summary.insert(QStringLiteral("statement_type"), type);
        summary.insert(QStringLiteral("step"), s["name"].qstring());
        summary.insert(QStringLiteral("materials"), static_cast<qint64>(s["materials"].size()));
        for (const auto& m : s["products"].members())
            item.subjects.push_back({ str(m.key), subjectSha256(m.value, file, jsonMember(QStringLiteral("products"), m.key), warnings) });
        item.subjectVia = QStringLiteral("link-product");
    } else if (type == QLatin1String("layout")) {
        r.kind = QStringLiteral("in-toto-layout");
        summary.insert(QStringLiteral("statement_type"), type);
        summary.insert(QStringLiteral("steps"), static_cast<qint64>(s["steps"].size()));
        summary.insert(QStringLiteral("keys"), static_cast<qint64>(s["keys"].size()));
        if (s["expires"].isString())
            summary.insert(QStringLiteral("expires"), s["expires"].qstring());
    } else {
        r.kind = QStringLiteral("dsse");
        if (!type.isEmpty())
            summary.insert(QStringLiteral("statement_type"), type);
    }
    summary.insert(QStringLiteral("subjects"), subjectsJson(item.subjects));
}

// An in-toto payload must be a JSON object: one that does not parse is an error naming why; another payload type
// may hold anything (it is kept as generic DSSE content).
std::optional<Problem> interpretPayload(EvidenceItem& item, const QByteArray& payload, bool inToto, const QString& file, const QString& where,
    QJsonObject& summary, std::vector<Problem>& warnings)
{
    JsonDocument doc;
    const Status parsed = JsonDocument::looksLikeJson(payload) ? doc.parse(payload, file) : Status(Problem { file, QString(), QStringLiteral("not JSON") });
    if (!parsed && inToto)
        return Problem { file, where,
            QStringLiteral("the payload (an in-toto statement by its payloadType) is not valid JSON: %1")
                .arg(parsed.problem().where.isEmpty() ? parsed.problem().message : parsed.problem().where + QStringLiteral(": ") + parsed.problem().message) };
    if (!parsed || !doc.root().isObject()) {
        item.record.kind = QStringLiteral("dsse");
        item.record.type = QStringLiteral("generic");
        summary.insert(QStringLiteral("payload"), QStringLiteral("not a JSON object"));
        summary.insert(QStringLiteral("subjects"), QJsonArray());
        return std::nullopt;
    }
    interpretStatement(item, doc.root(), file, summary, warnings);
    return std::nullopt;
}

bool isInTotoPayloadType(const QString& t)
{
    return t == QLatin1String("application/vnd.in-toto+json")
        || (t.startsWith(QLatin1String("application/vnd.in-toto.")) && t.endsWith(QLatin1String("+json")));
}

// The envelope's fields, decoded, with the signatures to check. hint: a key hint for signatures without keyid.
Result<EvidenceItem> envelopeItem(const JsonValue& env, const QString& file, const QString& where, const QString& hint, bool bundle)
{
    const JsonValue payload = env["payload"], payloadType = env["payloadType"], signatures = env["signatures"];
    if (!payload.isString())
        return problemAt(file, join(where, "payload"), payload.isValid() ? QStringLiteral("expected a base64 string") : QStringLiteral("required field is missing"));
    if (!payloadType.isString())
        return problemAt(file, join(where, "payloadType"), payloadType.isValid() ? QStringLiteral("expected a string") : QStringLiteral("required field is missing"));
    if (!signatures.isArray())
        return problemAt(file, join(where, "signatures"), signatures.isValid() ? QStringLiteral("expected an array") : QStringLiteral("required field is missing"));
    const auto body = decodeBase64(*payload.string());
    if (!body)
        return problemAt(file, join(where, "payload"), QStringLiteral("not valid base64 (truncated or damaged)"));
    const QByteArray type = bytes(*payloadType.string());

    EvidenceItem item;
    item.record.format = bundle ? QString() : QStringLiteral("dsse");
    SignedContent sc;
    sc.message = pae(type, *body);
    sc.legacyMessage = *body;
    size_t i = 0;
    for (const JsonValue s : signatures.elements()) {
        const QString w = jsonIndex(join(where, "signatures"), i++);
        SignatureToCheck c;
        c.keyid = s["keyid"].qstring();
        if (c.keyid.isEmpty())
            c.keyid = hint;
        const auto sig = s["sig"].string();
        if (!sig)
            c.malformed = QStringLiteral("%1.sig: missing").arg(w);
        else if (sig->empty())
            c.malformed = QStringLiteral("%1.sig: empty").arg(w);
        else if (auto decoded = decodeBase64(*sig))
            c.signature = *decoded;
        else
            c.malformed = QStringLiteral("%1.sig: not valid base64 (truncated or damaged)").arg(w);
        if (s["cert"].isString())
            c.certificate = bytes(*s["cert"].string());
        sc.signatures.push_back(std::move(c));
    }
    if (type.isEmpty())
        sc.unsupported = QStringLiteral("the envelope's payloadType is empty: DSSE requires one");
    else if (bundle && sc.signatures.size() != 1)
        sc.unsupported = QStringLiteral("a Sigstore bundle's DSSE envelope must carry exactly one signature, not %1").arg(sc.signatures.size());

    QJsonObject summary;
    const QString typeText = QString::fromUtf8(type);
    summary.insert(QStringLiteral("payload_type"), typeText);
    std::vector<Problem> warnings;
    if (auto p = interpretPayload(item, *body, isInTotoPayloadType(typeText), file, join(where, "payload"), summary, warnings))
        return *p;
    if (!isInTotoPayloadType(typeText) && item.record.kind != QLatin1String("dsse")) {
        // A statement under another media type is read as the signer did not sign it (DSSE binds the payload to its
        // type): it binds nothing, and it is not accepted whatever its signatures say.
        summary.insert(QStringLiteral("note"), QStringLiteral("payloadType is not an in-toto media type"));
        summary.insert(QStringLiteral("subjects"), QJsonArray());
        item.subjects.clear();
        if (sc.unsupported.isEmpty())
            sc.unsupported = QStringLiteral("the payload is an in-toto statement, but the envelope's payloadType is '%1', not an in-toto "
                                            "media type (application/vnd.in-toto+json): not accepted")
                                 .arg(typeText);
    }
    item.record.summary = summaryText(summary);
    item.signedContent = std::move(sc);
    return item;
}

// A value of the bundle that must be base64, decoded.
std::optional<QByteArray> b64At(const JsonValue& v) { return v.isString() ? decodeBase64(*v.string()) : std::nullopt; }

void appendCanonical(const JsonValue& v, QByteArray& out, bool& ok)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        out.append("null");
        return;
    case JsonValue::Type::Bool:
        out.append(*v.boolean() ? "true" : "false");
        return;
    case JsonValue::Type::Int:
    case JsonValue::Type::UInt:
        if (auto i = v.integer())
            out.append(QByteArray::number(static_cast<qlonglong>(*i)));
        else
            ok = false;
        return;
    case JsonValue::Type::Double:
    case JsonValue::Type::Missing:
        ok = false;
        return;
    case JsonValue::Type::String: {
        const std::string_view s = *v.string();
        out.append('"');
        for (char c : s) {
            if (c == '"' || c == '\\')
                out.append('\\');
            out.append(c);
        }
        out.append('"');
        return;
    }
    case JsonValue::Type::Array: {
        out.append('[');
        bool first = true;
        for (const JsonValue e : v.elements()) {
            if (!first)
                out.append(',');
            first = false;
            appendCanonical(e, out, ok);
        }
        out.append(']');
        return;
    }
    case JsonValue::Type::Object: {
        std::vector<JsonValue::Member> members;
        for (const auto& m : v.members())
            members.push_back(m);
        std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        out.append('{');
        bool first = true;
        for (const auto& m : members) {
            if (!first)
                out.append(',');
            first = false;
            out.append('"');
            for (char c : m.key) {
                if (c == '"' || c == '\\')
                    out.append('\\');
                out.append(c);
            }
            out.append("\":");
            appendCanonical(m.value, out, ok);
        }
        out.append('}');
        return;
    }
    }
}

std::optional<QByteArray> fromHex(std::string_view s)
{
    if (s.size() % 2 != 0)
        return std::nullopt;
    QByteArray out;
    out.reserve(static_cast<qsizetype>(s.size() / 2));
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < s.size(); i += 2) {
        const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.append(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

} // namespace

std::optional<QByteArray> canonicalJson(const JsonValue& v)
{
    QByteArray out;
    bool ok = true;
    appendCanonical(v, out, ok);
    if (!ok)
        return std::nullopt;
    return out;
}

bool isDsseEnvelope(const JsonValue& v)
{
    return v.isObject() && v.has("payload") && v.has("payloadType") && v.has("signatures");
}

bool isSigstoreBundle(const JsonValue& v)
{
    return v.isObject() && v["mediaType"].stringOr("").rfind("application/vnd.dev.sigstore.bundle", 0) == 0;
}

bool isStatement(const JsonValue& v)
{
    if (!v.isObject())
        return false;
    const std::string_view type = v["_type"].stringOr("");
    return type.rfind("https://in-toto.io/Statement/", 0) == 0 || ((type == "link" || type == "layout") && !v.has("signed"));
}

bool isMetablock(const JsonValue& v)
{
    if (!v.isObject() || !v["signatures"].isArray() || !v["signed"].isObject())
        return false;
    const std::string_view type = v["signed"]["_type"].stringOr("");
    return type == "link" || type == "layout" || type.rfind("https://in-toto.io/Statement/", 0) == 0;
}

Result<EvidenceItem> readDsse(const JsonValue& envelope, const QString& file, const QString& where)
{
    return envelopeItem(envelope, file, where, QString(), false);
}

Result<EvidenceItem> readStatement(const JsonValue& statement, const QString& file)
{
    EvidenceItem item;
    item.record.format = QStringLiteral("in-toto-statement");
    QJsonObject summary;
    std::vector<Problem> warnings;
    interpretStatement(item, statement, file, summary, warnings);
    item.record.summary = summaryText(summary);
    return item; // unsigned: no signedContent
}

Result<EvidenceItem> readMetablock(const JsonValue& metablock, const QString& file)
{
    const auto message = canonicalJson(metablock["signed"]);
    if (!message)
        return problemAt(file, QStringLiteral("signed"), QStringLiteral("holds a value canonical JSON cannot represent (a fraction): it cannot have been signed"));
    EvidenceItem item;
    item.record.format = QStringLiteral("in-toto-metablock");
    SignedContent sc;
    sc.message = *message;
    size_t i = 0;
    for (const JsonValue s : metablock["signatures"].elements()) {
        const QString w = jsonIndex(QStringLiteral("signatures"), i++);
        SignatureToCheck c;
        c.keyid = s["keyid"].qstring();
        const auto sig = s["sig"].string();
        if (!sig || sig->empty())
            c.malformed = QStringLiteral("%1.sig: missing or empty").arg(w);
        else if (auto raw = fromHex(*sig))
            c.signature = *raw;
        else
            c.malformed = QStringLiteral("%1.sig: not hexadecimal (truncated or damaged)").arg(w);
        sc.signatures.push_back(std::move(c));
    }
    QJsonObject summary;
    std::vector<Problem> warnings;
    interpretStatement(item, metablock["signed"], file, summary, warnings);
    item.record.summary = summaryText(summary);
    item.signedContent = std::move(sc);
    return item;
}

Result<EvidenceItem> readSigstoreBundle(const JsonValue& bundle, const QString& file, const QString& where)
{
    const QString mediaType = bundle["mediaType"].qstring();
    static const QRegularExpression legacy(QStringLiteral("^application/vnd\\.dev\\.sigstore\\.bundle\\+json; ?version=([0-9.]+)$"));
    static const QRegularExpression current(QStringLiteral("^application/vnd\\.dev\\.sigstore\\.bundle\\.v([0-9.]+)\\+json$"));
    QString version;
    if (auto m = legacy.match(mediaType); m.hasMatch())
        version = m.captured(1);
    else if (auto m2 = current.match(mediaType); m2.hasMatch())
        version = m2.captured(1);
    const bool knownVersion = version == QLatin1String("0.1") || version == QLatin1String("0.2") || version == QLatin1String("0.3");

    const JsonValue material = bundle["verificationMaterial"];
    if (!material.isObject())
        return problemAt(file, join(where, "verificationMaterial"), QStringLiteral("required object is missing"));
    const QString hint = material["publicKey"]["hint"].qstring();
    QByteArray certificate;
    QString materialKind = QStringLiteral("publicKey");
    if (material.has("certificate") || material.has("x509CertificateChain")) {
        materialKind = material.has("certificate") ? QStringLiteral("certificate") : QStringLiteral("x509CertificateChain");
        JsonValue raw = material["certificate"]["rawBytes"];
        if (!material.has("certificate"))
            for (const JsonValue c : material["x509CertificateChain"]["certificates"].elements()) {
                raw = c["rawBytes"]; // the leaf comes first
                break;
            }
        const auto der = b64At(raw);
        if (!der || der->isEmpty())
            return problemAt(file, join(where, "verificationMaterial") + QLatin1Char('.') + materialKind,
                QStringLiteral("the certificate is missing or not valid base64"));
        certificate = *der;
    } else if (!material.has("publicKey")) {
        return problemAt(file, join(where, "verificationMaterial"), QStringLiteral("holds neither a publicKey, a certificate nor a certificate chain"));
    }

    EvidenceItem item;
    QJsonObject summary;
    summary.insert(QStringLiteral("media_type"), mediaType);
    summary.insert(QStringLiteral("verification_material"), materialKind);
    const JsonValue entries = material["tlogEntries"];
    if (entries.isArray() && entries.size() > 0) {
        const JsonValue e = *entries.elements().begin();
        summary.insert(QStringLiteral("tlog_kind"), e["kindVersion"]["kind"].qstring());
        summary.insert(QStringLiteral("tlog_log_index"), e["logIndex"].qstring());
        // Unix seconds, as a string (protobuf JSON) or a number; before 1970 or after 9999 it is refused, never
        // multiplied past what a Millis holds.
        const JsonValue integrated = e["integratedTime"];
        bool isNumber = integrated.isNumber();
        double seconds = integrated.number().value_or(0);
        if (integrated.isString())
            seconds = integrated.qstring().toDouble(&isNumber);
        if (isNumber) {
            const std::optional<Millis> t = timefmt::fromUnixSeconds(seconds);
            if (!t)
                return problemAt(file, where.isEmpty() ? QStringLiteral("verificationMaterial.tlogEntries[0].integratedTime")
                                                       : where + QStringLiteral(".verificationMaterial.tlogEntries[0].integratedTime"),
                    QStringLiteral("time %1 is outside 1970..9999").arg(integrated.isString() ? integrated.qstring() : QString::fromStdString(integrated.toJson())));
            summary.insert(QStringLiteral("tlog_integrated_time"), timefmt::formatIso(*t));
        }
    }
    if (!certificate.isEmpty()) {
        crypto::CertificateInfo info;
        if (crypto::PublicKey::fromCertificate(certificate, &info)) {
            summary.insert(QStringLiteral("signer"), info.subjectAltName);
            summary.insert(QStringLiteral("issuer"), info.issuer);
        }
    }

    const bool hasMessage = bundle.has("messageSignature"), hasDsse = bundle.has("dsseEnvelope");
    if (hasMessage == hasDsse)
        return problemAt(file, where, QStringLiteral("a bundle holds exactly one of messageSignature and dsseEnvelope"));
    if (hasDsse) {
        const JsonValue env = bundle["dsseEnvelope"];
        Result<EvidenceItem> inner = envelopeItem(env, file, join(where, "dsseEnvelope"), hint, true);
        if (!inner)
            return inner.problem();
        item = std::move(inner).value();
        // Keep what the payload said, add the bundle's own facts.
        QJsonObject merged = QJsonDocument::fromJson(item.record.summary.toUtf8()).object();
        for (auto it = summary.begin(); it != summary.end(); ++it)
            merged.insert(it.key(), it.value());
        summary = merged;
    } else {
        const JsonValue ms = bundle["messageSignature"];
        const QString algorithm = ms["messageDigest"]["algorithm"].qstring();
        const auto digest = b64At(ms["messageDigest"]["digest"]);
        if (!digest)
            return problemAt(file, join(where, "messageSignature.messageDigest.digest"), QStringLiteral("missing or not valid base64"));
        SignedContent sc;
        sc.scheme = SignedContent::Scheme::Digest;
        sc.message = *digest;
        sc.digestAlgorithm = algorithm == QLatin1String("SHA2_384") ? QStringLiteral("sha384")
            : algorithm == QLatin1String("SHA2_512")                ? QStringLiteral("sha512")
                                                                    : QStringLiteral("sha256");
        if (!algorithm.isEmpty() && algorithm != QLatin1String("SHA2_256") && algorithm != QLatin1String("SHA2_384")
            && algorithm != QLatin1String("SHA2_512"))
            sc.unsupported = QStringLiteral("message digest algorithm %1 is not supported").arg(algorithm);
        SignatureToCheck c;
        c.keyid = hint;
        const auto sig = ms["signature"].string();
        if (!sig || sig->empty())
            c.malformed = QStringLiteral("messageSignature.signature: missing or empty");
        else if (auto decoded = decodeBase64(*sig))
            c.signature = *decoded;
        else
            c.malformed = QStringLiteral("messageSignature.signature: not valid base64 (truncated or damaged)");
        sc.signatures.push_back(std::move(c));
        item.record.kind = QStringLiteral("message-signature");
        item.record.type = QStringLiteral("generic");
        item.subjectVia = QStringLiteral("message-digest");
        const QString hex = QString::fromStdString(digest::toHex(*digest));
        summary.insert(QStringLiteral("message_digest"), QStringLiteral("%1:%2").arg(sc.digestAlgorithm, hex));
        if (sc.digestAlgorithm == QLatin1String("sha256") && digest->size() == 32)
            item.subjects.push_back({ QString(), hex });
        summary.insert(QStringLiteral("subjects"), subjectsJson(item.subjects));
        item.signedContent = std::move(sc);
    }
    SignedContent& sc = *item.signedContent;
    sc.certificate = certificate;
    if (!knownVersion && sc.unsupported.isEmpty())
        sc.unsupported = mediaType.isEmpty() ? QStringLiteral("the bundle has no mediaType")
                                             : QStringLiteral("unknown Sigstore bundle media type '%1' (0.1, 0.2 and 0.3 are read)").arg(mediaType);
    if (knownVersion) {
        Result<sigstore::Bundle> parsed = sigstore::readBundle(bundle, file, where);
        if (!parsed)
            return parsed.problem();
        sc.bundle = std::make_shared<const sigstore::Bundle>(std::move(parsed).value());
    }
    item.record.format = knownVersion ? QStringLiteral("sigstore-bundle-v") + version : QStringLiteral("sigstore-bundle");
    item.record.summary = summaryText(summary);
    return item;
}

std::optional<Result<EvidenceFile>> readJsonLines(const QByteArray& bytes, const QString& file)
{
    // Cheap refusal first: a file that failed to parse whole is JSON Lines only if its first line is an envelope.
    if (!bytes.contains('\n'))
        return std::nullopt;
    EvidenceFile out;
    out.format = QStringLiteral("dsse-jsonl");
    JsonDocument doc;
    int lineNo = 0;
    bool first = true;
    for (qsizetype start = 0; start < bytes.size();) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        ++lineNo;
        const QByteArray line = bytes.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        const QString where = QStringLiteral("line %1").arg(lineNo);
        if (!doc.parse(line, file) || !doc.root().isObject()) {
            if (first)
                return std::nullopt;
            out.warnings.push_back({ file, where, QStringLiteral("not a JSON object: line ignored") });
            continue;
        }
        const JsonValue root = doc.root();
        Result<EvidenceItem> item = isSigstoreBundle(root) ? readSigstoreBundle(root, file, where)
            : isDsseEnvelope(root)                         ? readDsse(root, file, where)
                                                           : Result<EvidenceItem>(Problem { file, where, QString() });
        if (!item && item.problem().message.isEmpty()) {
            if (first)
                return std::nullopt;
            out.warnings.push_back({ file, where, QStringLiteral("neither a DSSE envelope nor a Sigstore bundle: line ignored") });
            continue;
        }
        first = false;
        if (!item)
            return Result<EvidenceFile>(item.problem());
        item->record.part = static_cast<int>(out.items.size());
        if (item->record.format == QLatin1String("dsse"))
            item->record.format = QStringLiteral("dsse-jsonl");
        out.items.push_back(std::move(item).value());
    }
    if (out.items.empty())
        return std::nullopt;
    return Result<EvidenceFile>(std::move(out));
}

} // namespace tideline::attestation
