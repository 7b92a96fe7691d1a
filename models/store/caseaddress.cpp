// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseaddress.h"

#include <QByteArray>
#include <QFileInfo>
#include <QStringList>
#include <QUrl>

namespace tideline {

namespace {

QString decoded(const QString& s) { return QUrl::fromPercentEncoding(s.toUtf8()); }

QString encoded(const QString& s, const QByteArray& keep = {}) { return QString::fromUtf8(QUrl::toPercentEncoding(s, keep)); }

Problem bad(const QString& text, const QString& why)
{
    // The text itself is named only up to the query: nothing after it could be a secret, but keep it short.
    return Problem(text.left(200), QString(), why);
}

} // namespace

bool isServerAddress(const QString& text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString caseShortName(const QString& pathOrAddress)
{
    if (!isServerAddress(pathOrAddress))
        return QFileInfo(pathOrAddress).fileName();
    const Result<ServerAddress> a = parseServerAddress(pathOrAddress, false);
    if (!a)
        return pathOrAddress;
    const QString host = a->host.isEmpty() || a->host.startsWith(QLatin1Char('/')) ? QStringLiteral("this machine") : a->host;
    return QStringLiteral("%1 on %2/%3").arg(a->caseName, host, a->database.isEmpty() ? QStringLiteral("(default database)") : a->database);
}

QString caseBaseName(const QString& pathOrAddress)
{
    if (!isServerAddress(pathOrAddress))
        return QFileInfo(pathOrAddress).completeBaseName();
    const Result<ServerAddress> a = parseServerAddress(pathOrAddress, false);
    return a && !a->caseName.isEmpty() ? a->caseName : QStringLiteral("shared-case");
}

QString caseNameProblem(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("the case has no name");
    if (name.size() > 63)
        return QStringLiteral("a case name has at most 63 characters");
    if (!(name[0] >= QLatin1Char('a') && name[0] <= QLatin1Char('z')))
        return QStringLiteral("a case name starts with a lower-case letter");
    for (const QChar c : name)
        if (!((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')))
            return QStringLiteral("a case name holds only lower-case letters, digits and '_'");
    if (name.startsWith(QLatin1String("pg_")) || name == QLatin1String("public") || name == QLatin1String("information_schema"))
        return QStringLiteral("'%1' is one of the server's own schemas").arg(name);
    return QString();
}

Result<ServerAddress> parseServerAddress(const QString& text, bool needCase)
{
    if (!isServerAddress(text))
        return bad(text, QStringLiteral("not a server address: it starts with postgresql://"));
    const int schemeEnd = text.indexOf(QLatin1String("://")) + 3;
    QString rest = text.mid(schemeEnd);
    const int fragment = rest.indexOf(QLatin1Char('#'));
    if (fragment >= 0)
        return bad(text, QStringLiteral("a server address has no '#' part"));
    QString query;
    if (const int q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    QString authority = rest;
    QString path;
    if (const int slash = rest.indexOf(QLatin1Char('/')); slash >= 0) {
        authority = rest.left(slash);
        path = rest.mid(slash + 1);
    }
    ServerAddress a;
    if (const int at = authority.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString userinfo = authority.left(at);
        authority = authority.mid(at + 1);
        if (userinfo.contains(QLatin1Char(':')))
            return bad(text.left(schemeEnd), QStringLiteral("a password in the address would be kept in shell histories and logs: give it in ~/.pgpass "
                                                             "or the file PGPASSFILE names, or use a service file"));
        a.user = decoded(userinfo);
    }
    // host[:port], [v6]:port, or several of them separated by commas, as libpq takes them.
    QStringList hosts, ports;
    for (const QString& spec : authority.split(QLatin1Char(','), Qt::KeepEmptyParts)) {
        if (spec.isEmpty() && authority.isEmpty())
            break;
        QString host = spec, port;
        if (spec.startsWith(QLatin1Char('['))) {
            const int close = spec.indexOf(QLatin1Char(']'));
            if (close < 0)
                return bad(text, QStringLiteral("an IPv6 host in [ ] is not closed"));
            host = spec.mid(1, close - 1);
            if (spec.size() > close + 1) {
                if (spec[close + 1] != QLatin1Char(':'))
                    return bad(text, QStringLiteral("after an IPv6 host comes :port or nothing"));
                port = spec.mid(close + 2);
            }
        } else if (const int colon = spec.lastIndexOf(QLatin1Char(':')); colon >= 0) {
            host = spec.left(colon);
            port = spec.mid(colon + 1);
        }
        bool numeric = false;
        if (!port.isEmpty() && (port.toInt(&numeric) <= 0 || !numeric || port.toInt() > 65535))
            return bad(text, QStringLiteral("port '%1' is not a number from 1 to 65535").arg(port));
        hosts << decoded(host);
        ports << port;
    }
    a.host = hosts.join(QLatin1Char(','));
    if (std::any_of(ports.cbegin(), ports.cend(), [](const QString& p) { return !p.isEmpty(); }))
        a.port = ports.join(QLatin1Char(','));
    if (path.contains(QLatin1Char('/')))
        return bad(text, QStringLiteral("the path of a server address is the database alone (…/DATABASE?case=NAME)"));
    a.database = decoded(path);

    for (const QString& pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const int eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return bad(text, QStringLiteral("'%1' in the address is not keyword=value").arg(pair.left(60)));
        const QString key = decoded(pair.left(eq));
        const QString value = decoded(pair.mid(eq + 1));
        if (key == QLatin1String("password"))
            return bad(text.left(schemeEnd), QStringLiteral("a password in the address would be kept in shell histories and logs: give it in ~/.pgpass "
                                                             "or the file PGPASSFILE names, or use a service file"));
        if (key == QLatin1String("case")) {
            a.caseName = value;
            continue;
        }
        for (const QChar c : key)
            if (!(c.isLetterOrNumber() || c == QLatin1Char('_')))
                return bad(text, QStringLiteral("'%1' is not a libpq connection keyword").arg(key.left(60)));
        // Qt hands the options to libpq separated by ';'.
        if (value.contains(QLatin1Char(';')))
            return bad(text, QStringLiteral("the value of %1 cannot hold ';'").arg(key));
        if (key == QLatin1String("host") && a.host.isEmpty())
            a.host = value;
        else if (key == QLatin1String("port") && a.port.isEmpty())
            a.port = value;
        else if (key == QLatin1String("user") && a.user.isEmpty())
            a.user = value;
        else if (key == QLatin1String("dbname") && a.database.isEmpty())
            a.database = value;
        else if (key == QLatin1String("host") || key == QLatin1String("port") || key == QLatin1String("user") || key == QLatin1String("dbname"))
            return bad(text, QStringLiteral("%1 is given twice").arg(key));
        else
            a.options.emplace_back(key, value);
    }
    if (needCase && a.caseName.isEmpty())
        return bad(text, QStringLiteral("the address names no case: add ?case=NAME (`tideline cases --server …` lists them)"));
    if (!a.caseName.isEmpty())
        if (const QString why = caseNameProblem(a.caseName); !why.isEmpty())
            return bad(text, why);
    return a;
}

QString ServerAddress::display() const
{
    QString s = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        s += encoded(user) + QLatin1Char('@');
    QStringList q;
    // A socket folder is shown as a parameter, where it reads as a path.
    if (host.startsWith(QLatin1Char('/')))
        q << QStringLiteral("host=") + encoded(host, "/");
    else {
        const QStringList hosts = host.split(QLatin1Char(','));
        const QStringList ports = port.split(QLatin1Char(','));
        QStringList specs;
        for (int i = 0; i < hosts.size(); ++i) {
            QString spec = hosts[i].contains(QLatin1Char(':')) ? QLatin1Char('[') + hosts[i] + QLatin1Char(']') : encoded(hosts[i]);
            const QString p = ports.size() == hosts.size() ? ports[i] : (ports.size() == 1 ? ports[0] : QString());
            if (!p.isEmpty())
                spec += QLatin1Char(':') + p;
            specs << spec;
        }
        s += specs.join(QLatin1Char(','));
    }
    if (host.startsWith(QLatin1Char('/')) && !port.isEmpty())
        q << QStringLiteral("port=") + port;
    s += QLatin1Char('/') + encoded(database);
    if (!caseName.isEmpty())
        q.prepend(QStringLiteral("case=") + caseName);
    for (const auto& [k, v] : options)
        q << encoded(k) + QLatin1Char('=') + encoded(v, "/");
    if (!q.isEmpty())
        s += QLatin1Char('?') + q.join(QLatin1Char('&'));
    return s;
}

ServerAddress ServerAddress::withCase(const QString& name) const
{
    ServerAddress a = *this;
    a.caseName = name;
    return a;
}

} // namespace tideline
