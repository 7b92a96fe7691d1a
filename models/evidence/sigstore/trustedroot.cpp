// SPDX-License-Identifier: GPL-3.0-or-later
#include "trustedroot.h"

#include "domain/hash.h"
#include "evidence/signing.h"
#include "domain/json.h"

#include <QUrl>

namespace tideline::sigstore {

namespace {

QString w(const QString& where, std::string_view key) { return jsonMember(where, key); }

Result<TimeRange> readRange(const JsonValue& v, const QString& file, const QString& where)
{
    if (!v.isObject())
        return Problem { file, where, QStringLiteral("the validity window (validFor) is missing: a part of a trusted root must say since when it is trusted") };
    TimeRange r;
    const JsonValue start = v["start"], end = v["end"];
    if (!start.isString())
        return Problem { file, w(where, "start"), QStringLiteral("the validity window has no start: refused rather than read as unbounded") };
    const auto s = timefmt::parseIso(start.qstring());
    if (!s)
        return Problem { file, w(where, "start"), QStringLiteral("'%1' is not an RFC 3339 time").arg(start.qstring()) };
    r.start = *s;
    if (end.isValid() && !end.isNull()) {
        const auto e = end.isString() ? timefmt::parseIso(end.qstring()) : std::nullopt;
        if (!e)
            return Problem { file, w(where, "end"), QStringLiteral("not an RFC 3339 time") };
        if (*e < r.start)
            return Problem { file, w(where, "end"), QStringLiteral("the window ends before it starts") };
        r.end = *e;
    }
    return r;
}

Result<std::vector<LogInstance>> readLogs(const JsonValue& list, const QString& file, const QString& where)
{
    std::vector<LogInstance> out;
    if (!list.isValid())
        return out;
    if (!list.isArray())
        return Problem { file, where, QStringLiteral("expected an array") };
    size_t i = 0;
    for (const JsonValue t : list.elements()) {
        const QString at = jsonIndex(where, i++);
        LogInstance log;
        log.baseUrl = t["baseUrl"].qstring();
        const QUrl url(log.baseUrl);
        log.host = url.host();
        if (url.port() > 0)
            log.host += QLatin1Char(':') + QString::number(url.port());
        const auto keyId = t["logId"]["keyId"].isString() ? decodeBase64(*t["logId"]["keyId"].string()) : std::nullopt;
        if (!keyId || keyId->isEmpty())
            return Problem { file, w(at, "logId") + QStringLiteral(".keyId"), QStringLiteral("missing or not base64") };
        log.keyId = *keyId;
        const JsonValue pk = t["publicKey"];
        const auto raw = pk["rawBytes"].isString() ? decodeBase64(*pk["rawBytes"].string()) : std::nullopt;
        if (!raw || raw->isEmpty())
            return Problem { file, w(at, "publicKey") + QStringLiteral(".rawBytes"), QStringLiteral("missing or not base64") };
        log.keyDetails = pk["keyDetails"].qstring();
        // PKCS1_* keys are a bare RSAPublicKey (PKCS#1), the PKIX_* ones a SubjectPublicKeyInfo.
        Result<crypto::PublicKey> key = log.keyDetails.startsWith(QLatin1String("PKCS1_"))
            ? crypto::PublicKey::parse("-----BEGIN RSA PUBLIC KEY-----\n" + raw->toBase64() + "\n-----END RSA PUBLIC KEY-----\n", file)
            : crypto::PublicKey::fromSpkiDer(*raw);
        if (!key)
            return Problem { file, w(at, "publicKey"), QStringLiteral("not a public key (DER SubjectPublicKeyInfo): ") + key.problem().message };
        log.key = *key;
        Result<TimeRange> range = readRange(pk["validFor"], file, w(at, "publicKey") + QStringLiteral(".validFor"));
        if (!range)
            return range.problem();
        log.validFor = *range;
        out.push_back(std::move(log));
    }
    return out;
}

Result<std::vector<CertificateAuthority>> readAuthorities(const JsonValue& list, const QString& file, const QString& where)
{
    std::vector<CertificateAuthority> out;
    if (!list.isValid())
        return out;
    if (!list.isArray())
        return Problem { file, where, QStringLiteral("expected an array") };
    size_t i = 0;
    for (const JsonValue a : list.elements()) {
        const QString at = jsonIndex(where, i++);
        CertificateAuthority ca;
        ca.uri = a["uri"].qstring();
        const QString org = a["subject"]["organization"].qstring(), cn = a["subject"]["commonName"].qstring();
        ca.subject = org.isEmpty() ? cn : cn.isEmpty() ? org : org + QStringLiteral(" / ") + cn;
        size_t j = 0;
        for (const JsonValue c : a["certChain"]["certificates"].elements()) {
            const auto der = c["rawBytes"].isString() ? decodeBase64(*c["rawBytes"].string()) : std::nullopt;
            if (!der || der->isEmpty() || !crypto::PublicKey::fromCertificate(*der))
                return Problem { file, jsonIndex(w(at, "certChain") + QStringLiteral(".certificates"), j), QStringLiteral("not a DER X.509 certificate") };
            ca.chain.push_back(*der);
            ++j;
        }
        if (ca.chain.empty())
            return Problem { file, w(at, "certChain"), QStringLiteral("holds no certificate") };
        Result<TimeRange> range = readRange(a["validFor"], file, w(at, "validFor"));
        if (!range)
            return range.problem();
        ca.validFor = *range;
        out.push_back(std::move(ca));
    }
    return out;
}

} // namespace

QString TimeRange::text() const
{
    return QStringLiteral("%1 .. %2").arg(timefmt::formatIso(start), end ? timefmt::formatIso(*end) : QStringLiteral("(open)"));
}

const LogInstance* TrustedRoot::tlog(const QByteArray& keyId) const
{
    for (const LogInstance& l : tlogs)
        if (l.keyId == keyId)
            return &l;
    return nullptr;
}

QString TrustedRoot::summary() const
{
    auto n = [](size_t count, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? one : many));
    };
    return QStringList { n(tlogs.size(), "transparency log", "transparency logs"),
        n(certificateAuthorities.size(), "certificate authority", "certificate authorities"), n(ctlogs.size(), "CT log", "CT logs"),
        n(timestampAuthorities.size(), "timestamp authority", "timestamp authorities") }
        .join(QStringLiteral(", "));
}

bool isTrustedRoot(const JsonValue& v)
{
    return v.isObject() && v["mediaType"].stringOr("").rfind("application/vnd.dev.sigstore.trustedroot", 0) == 0;
}

Result<TrustedRoot> readTrustedRoot(const JsonValue& v, const QString& file)
{
    if (!isTrustedRoot(v))
        return Problem { file, QStringLiteral("mediaType"), QStringLiteral("not a Sigstore trusted root (application/vnd.dev.sigstore.trustedroot+json)") };
    TrustedRoot root;
    root.mediaType = v["mediaType"].qstring();
    auto tlogs = readLogs(v["tlogs"], file, QStringLiteral("tlogs"));
    if (!tlogs)
        return tlogs.problem();
    auto ctlogs = readLogs(v["ctlogs"], file, QStringLiteral("ctlogs"));
    if (!ctlogs)
        return ctlogs.problem();
    auto cas = readAuthorities(v["certificateAuthorities"], file, QStringLiteral("certificateAuthorities"));
    if (!cas)
        return cas.problem();
    auto tsas = readAuthorities(v["timestampAuthorities"], file, QStringLiteral("timestampAuthorities"));
    if (!tsas)
        return tsas.problem();
    root.tlogs = std::move(tlogs).value();
    root.ctlogs = std::move(ctlogs).value();
    root.certificateAuthorities = std::move(cas).value();
    root.timestampAuthorities = std::move(tsas).value();
    if (root.tlogs.empty() && root.certificateAuthorities.empty() && root.timestampAuthorities.empty())
        return Problem { file, QString(), QStringLiteral("the trusted root names no transparency log, certificate authority or timestamp authority") };
    return root;
}

Result<TrustedRoot> parseTrustedRoot(const QByteArray& bytes, const QString& file)
{
    JsonDocument doc;
    if (Status s = doc.parse(bytes, file); !s)
        return s.problem();
    Result<TrustedRoot> r = readTrustedRoot(doc.root(), file);
    if (r)
        r->sha256 = sha256Hex(bytes);
    return r;
}

} // namespace tideline::sigstore
