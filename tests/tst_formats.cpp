// SPDX-License-Identifier: GPL-3.0-or-later
// Readers of runtime snapshots, digests, times and fingerprints, on real sample files and hostile input.

#include "testutil.h"

#include "domain/digest.h"
#include "domain/timefmt.h"
#include "import/bundle.h"
#include "import/filereader.h"
#include "import/fingerprint.h"
#include "domain/json.h"
#include "import/snapshotformats.h"
#include "store/casefile.h"
#include "timeline/snapshotrecorder.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <set>

using namespace tideline;

namespace {

struct Read {
    Status parsed;
    SnapshotFormat format = SnapshotFormat::None;
    std::optional<Result<ParsedSnapshot>> snapshot;
};

// Parses and reads; the document must outlive the observations' use, so keep it in the caller.
Result<ParsedSnapshot> readText(JsonDocument& doc, const QByteArray& text, SnapshotFormat* format = nullptr)
{
    if (Status s = doc.parse(text, QStringLiteral("input.json")); !s)
        return s.problem();
    const SnapshotFormat f = detectSnapshotFormat(doc.root());
    if (format)
        *format = f;
    return readSnapshot(f, doc.root(), QStringLiteral("input.json"));
}

std::set<std::string> fingerprints(const ParsedSnapshot& s)
{
    std::set<std::string> out;
    for (const Observation& o : s.observations)
        out.insert(o.fingerprint);
    return out;
}

} // namespace

class TestFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isoTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("utc") << "2026-01-02T03:04:05Z" << qint64(1767323045000);
        QTest::addRow("fraction") << "2026-01-02T03:04:05.123456Z" << qint64(1767323045123);
        QTest::addRow("offset") << "2026-01-02T04:04:05+01:00" << qint64(1767323045000);
        QTest::addRow("lambda offset") << "2026-01-02T03:04:05.000+0000" << qint64(1767323045000);
        QTest::addRow("no zone is utc") << "2026-01-02T03:04:05" << qint64(1767323045000);
        QTest::addRow("space") << "2026-01-02 03:04:05Z" << qint64(1767323045000);
        QTest::addRow("date") << "2026-01-02" << qint64(1767312000000);
        QTest::addRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
        QTest::addRow("last") << "9999-12-31T23:59:59Z" << qint64(253402300799000);
        QTest::addRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000);
    }
    void isoTimes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto t = timefmt::parseIso(text);
        QVERIFY2(t.has_value(), qPrintable(text));
        QCOMPARE(*t, ms);
    }

    void isoRefused_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* t : { "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2023-02-29", "2026-01-02T25:00:00Z",
                 "1969-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "2026-01-02T03:04:05Zjunk", "2026-01-02T03:04:05+25:00" })
            QTest::addRow("%s", t) << QString::fromLatin1(t);
    }
    void isoRefused()
    {
        QFETCH(QString, text);
        QVERIFY2(!timefmt::parseIso(text).has_value(), qPrintable(text));
    }

    void isoRoundTrip()
    {
        for (qint64 t : { qint64(0), qint64(1767323045000), qint64(1767323045123), qint64(253402300799999) })
            QCOMPARE(*timefmt::parseIso(timefmt::formatIso(t)), t);
        QCOMPARE(timefmt::formatIso(1767323045000), QStringLiteral("2026-01-02T03:04:05Z"));
        QCOMPARE(timefmt::formatIso(1767323045120), QStringLiteral("2026-01-02T03:04:05.120Z"));
    }

    void digests()
    {
        const std::string hex(64, 'a');
        QCOMPARE(*digest::normalize(hex), hex);
        QCOMPARE(*digest::normalize("sha256:" + std::string(64, 'A')), hex);
        QCOMPARE(*digest::normalize("sha256%3A" + hex), hex);
        QVERIFY(!digest::normalize(std::string(63, 'a')));
        QVERIFY(!digest::normalize(std::string(64, 'g')));
        QVERIFY(!digest::normalize(""));
        QCOMPARE(*digest::fromImageReference("docker-pullable://nginx@sha256:" + hex), hex);
        QCOMPARE(*digest::fromImageReference("docker.io/library/nginx@sha256:" + hex), hex);
        QCOMPARE(*digest::fromImageReference("registry:5000/team/app:1.2@sha256:" + hex), hex);
        QVERIFY2(!digest::fromImageReference("docker://sha256:" + hex), "an image config ID is not a registry digest");
        QVERIFY(!digest::fromImageReference("sha256:" + hex));
        QVERIFY(!digest::fromImageReference(""));
        QVERIFY(!digest::fromImageReference("nginx:1.21"));
        // Lambda's CodeSha256 is base64 of the raw digest (evidence-formats.md §4.5).
        QCOMPARE(*digest::fromBase64("PhGGhSKzwBTNfvJ7hHLBnPaRHm+qIis6pxebFn1MCws="),
            std::string("3e11868522b3c014cd7ef27b8472c19cf6911e6faa222b3aa7179b167d4c0b0b"));
        QVERIFY(!digest::fromBase64("not base64!"));
        QVERIFY(!digest::fromBase64("YWJj")); // 3 bytes, not 32
    }

    void awsProdServerSnapshot()
    {
        REQUIRE_SAMPLES();
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, testutil::readFile(testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json"))), &f);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(f, SnapshotFormat::KosliSnapshot);
        QCOMPARE(s->environment, QStringLiteral("aws-prod"));
        QCOMPARE(s->type, QStringLiteral("ECS"));
        QCOMPARE(*s->kosliIndex, qint64(4357));
        QCOMPARE(timefmt::formatIso(*s->takenAt), QStringLiteral("2026-05-05T04:53:58.530Z"));
        QCOMPARE(s->serverArtifacts.size(), size_t(11));
        int running = 0, exited = 0;
        for (const ServerArtifact& a : s->serverArtifacts) {
            (a.running ? running : exited)++;
            QVERIFY(digest::isSha256Hex(a.fingerprint));
            QVERIFY(!a.policyDecisionsJson.empty());
            QVERIFY(!a.flowsJson.empty());
        }
        QCOMPARE(running, 10);
        QCOMPARE(exited, 1);
        // The exited artifact (annotation.now == 0) is not running.
        QVERIFY(!fingerprints(*s).count("8ba20a0fbdc3d234fb0dac28a9865b6ee719906d06229f9f15b2078a3f6f332e"));
        const auto grouped = groupObservations(s->observations);
        QCOMPARE(grouped.size(), size_t(10));
        int instances = 0;
        for (const auto& w : grouped)
            instances += w.instances;
        QCOMPARE(instances, 14); // web and runner run 3 instances each
    }

    void kubectlPodList()
    {
        REQUIRE_SAMPLES();
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, testutil::readFile(testutil::sample(QStringLiteral("k8s/pods-11-docker-pullable.json"))), &f);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(f, SnapshotFormat::KubectlPods);
        QCOMPARE(s->type, QStringLiteral("K8S"));
        QVERIFY(s->environment.isEmpty());
        QVERIFY(!s->takenAt);
        QCOMPARE(s->observations.size(), size_t(12)); // 11 running pods, grafana's has two containers
        std::set<std::string> pods;
        for (const Observation& o : s->observations) {
            QVERIFY2(digest::isSha256Hex(o.fingerprint), o.name.c_str());
            pods.insert(o.instance);
            QVERIFY(o.created > 0);
        }
        QCOMPARE(pods.size(), size_t(11));
        QVERIFY(pods.count("metallb-system/speaker-cpxhz"));
        QVERIFY(s->warnings.empty());
    }

    void kubectlShapes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("observations");
        QTest::addColumn<int>("known");
        const QByteArray hex(64, 'b');
        auto pod = [&](const char* name, const char* phase, const QByteArray& imageId, const char* extra = "") -> QByteArray {
            return QByteArray("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"") + name
                + "\",\"namespace\":\"ns\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"app:1\"}]},"
                  "\"status\":{\"phase\":\""
                + phase + "\",\"containerStatuses\":[{\"name\":\"c\",\"image\":\"app:1\",\"imageID\":\"" + imageId + "\"}]" + extra + "}}";
        };
        const QByteArray pullable = "docker-pullable://app@sha256:" + hex;
        const QByteArray containerd = "docker.io/library/app@sha256:" + hex;
        QTest::addRow("single pod") << pod("a", "Running", pullable) << 1 << 1;
        QTest::addRow("bare array") << "[" + pod("a", "Running", pullable) + "," + pod("b", "Running", containerd) + "]" << 2 << 2;
        QTest::addRow("pod list") << "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[" + pod("a", "Running", pullable) + "]}" << 1 << 1;
        QTest::addRow("pending and succeeded pods do not run")
            << "[" + pod("a", "Pending", pullable) + "," + pod("b", "Succeeded", pullable) + "," + pod("c", "Failed", pullable) + "]" << 1 << 1;
        QTest::addRow("config id is unknown") << pod("a", "Running", "docker://sha256:" + hex) << 1 << 0;
        QTest::addRow("bare sha256 is unknown") << pod("a", "Running", "sha256:" + hex) << 1 << 0;
        QTest::addRow("empty imageID running is unknown") << pod("a", "Running", "") << 1 << 0;
        QTest::addRow("empty imageID failed is skipped") << pod("a", "Failed", "") << 0 << 0;
        QTest::addRow("debug container")
            << pod("a", "Running", pullable,
                   QByteArray(",\"ephemeralContainerStatuses\":[{\"name\":\"debug\",\"image\":\"busybox\",\"imageID\":\"docker.io/library/busybox@sha256:"
                       + QByteArray(64, 'c') + "\",\"state\":{\"running\":{}}}]").constData())
            << 2 << 2;
    }
    void kubectlShapes()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, observations);
        QFETCH(int, known);
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, json, &f);
        QCOMPARE(f, SnapshotFormat::KubectlPods);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(int(s->observations.size()), observations);
        int k = 0;
        for (const Observation& o : s->observations)
            k += o.fingerprint.empty() ? 0 : 1;
        QCOMPARE(k, known);
        if (known < observations)
            QVERIFY2(!s->warnings.empty(), "an unknown workload is reported with a warning naming the place");
    }

    void kosliPayloads_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<int>("observations");
        const QByteArray h = QByteArray(64, 'd');
        QTest::addRow("K8S") << QByteArray("{\"artifacts\":[{\"podName\":\"web-1\",\"namespace\":\"prod\",\"creationTimestamp\":1718000000,\"digests\":{\"nginx:1\":\"" + h
                + "\",\"side:2\":\"" + h + "\"},\"owners\":[]}]}")
                             << QStringLiteral("K8S") << QStringList() << 2;
        QTest::addRow("ECS") << "{\"artifacts\":[{\"taskArn\":\"arn:t/1\",\"cluster_name\":\"c\",\"digests\":{\"app:1\":\"" + h + "\",\"guardduty\":\"\"},\"creationTimestamp\":1}]}"
                             << QStringLiteral("ECS") << QStringList() << 2;
        QTest::addRow("azure") << "{\"artifacts\":[{\"app_name\":\"site\",\"app_kind\":\"app\",\"digests_source\":\"acr\",\"digests\":{\"img\":\"" + h + "\"},\"creationTimestamp\":0}]}"
                               << QStringLiteral("azure-apps") << QStringList() << 1;
        QTest::addRow("cloud-run") << QByteArray("{\"type\":\"cloud-run\",\"artifacts\":[{\"kind\":\"service\",\"serviceName\":\"s\",\"revisionName\":\"s-001\",\"digests\":{\"img\":\"\"},\"creationTimestamp\":5}]}")
                                   << QStringLiteral("cloud-run") << QStringList() << 1;
        QTest::addRow("ambiguous") << "{\"artifacts\":[{\"digests\":{\"fn\":\"" + h + "\"},\"creationTimestamp\":1}]}" << QString()
                                   << QStringList { QStringLiteral("docker"), QStringLiteral("lambda"), QStringLiteral("S3"), QStringLiteral("server") } << 1;
        QTest::addRow("empty") << QByteArray("{\"artifacts\":[]}") << QString() << QStringList { QStringLiteral("docker"), QStringLiteral("lambda"), QStringLiteral("S3"), QStringLiteral("server") } << 0;
    }
    void kosliPayloads()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, type);
        QFETCH(QStringList, candidates);
        QFETCH(int, observations);
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, json, &f);
        QCOMPARE(f, SnapshotFormat::KosliPayload);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->type, type);
        QCOMPARE(s->typeCandidates, candidates);
        QCOMPARE(int(s->observations.size()), observations);
    }

    void ecsTasks()
    {
        const QByteArray h(64, 'e');
        const QByteArray json = "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:r:1:task/c/1\",\"lastStatus\":\"RUNNING\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                                "\"containers\":[{\"name\":\"app\",\"image\":\"app:1\",\"imageDigest\":\"sha256:"
            + h + "\"},{\"name\":\"side\",\"image\":\"repo/side@sha256:" + QByteArray(64, 'f')
            + "\"},{\"name\":\"guardduty\",\"image\":\"\"}]},"
              "{\"taskArn\":\"arn:aws:ecs:r:1:task/c/2\",\"lastStatus\":\"STOPPED\",\"startedAt\":1700000000,\"containers\":[{\"name\":\"x\",\"image\":\"x\"}]}],"
              "\"failures\":[]}";
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, json, &f);
        QCOMPARE(f, SnapshotFormat::EcsTasks);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->observations.size(), size_t(3));
        QCOMPARE(s->observations[0].fingerprint, std::string(64, 'e'));
        QCOMPARE(s->observations[1].fingerprint, std::string(64, 'f'));
        QVERIFY(s->observations[2].fingerprint.empty());
        QCOMPARE(s->observations[2].name, std::string("guardduty")); // no image: keyed by container name, as Kosli
        QCOMPARE(s->observations[0].created, *timefmt::parseIso(QStringLiteral("2026-01-01T00:00:00Z")));
    }

    void lambdaFunctions()
    {
        const QByteArray json = "{\"Functions\":[{\"FunctionName\":\"zip-fn\",\"PackageType\":\"Zip\",\"CodeSha256\":\"PhGGhSKzwBTNfvJ7hHLBnPaRHm+qIis6pxebFn1MCws=\","
                                "\"LastModified\":\"2024-01-02T03:04:05.000+0000\"},"
                                "{\"FunctionName\":\"img-fn\",\"PackageType\":\"Image\",\"CodeSha256\":\""
            + QByteArray(64, 'a') + "\"}]}";
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, json, &f);
        QCOMPARE(f, SnapshotFormat::LambdaFunctions);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->observations.size(), size_t(2));
        QCOMPARE(s->observations[0].fingerprint, std::string("3e11868522b3c014cd7ef27b8472c19cf6911e6faa222b3aa7179b167d4c0b0b"));
        QCOMPARE(s->observations[1].fingerprint, std::string(64, 'a'));
        QCOMPARE(timefmt::formatIso(s->observations[0].created), QStringLiteral("2024-01-02T03:04:05Z"));

        const QByteArray get = "{\"Configuration\":{\"FunctionName\":\"img\",\"PackageType\":\"Image\",\"CodeSha256\":\"x\"},"
                               "\"Code\":{\"RepositoryType\":\"ECR\",\"ResolvedImageUri\":\"1.dkr.ecr/img@sha256:"
            + QByteArray(64, 'c') + "\"}}";
        JsonDocument doc2;
        Result<ParsedSnapshot> g = readText(doc2, get, &f);
        QCOMPARE(f, SnapshotFormat::LambdaFunctions);
        QVERIFY2(g.ok(), qPrintable(g.error()));
        QCOMPARE(g->observations.at(0).fingerprint, std::string(64, 'c'));
    }

    void dockerInspect()
    {
        const QByteArray h(64, 'a');
        const QByteArray both = "[{\"Id\":\"c1\",\"Name\":\"/web\",\"Created\":\"2026-01-01T00:00:00.123456789Z\",\"State\":{\"Status\":\"running\",\"Running\":true},"
                                "\"Image\":\"sha256:cfg\",\"Config\":{\"Image\":\"nginx:1.21\"}},"
                                "{\"Id\":\"c2\",\"Name\":\"/old\",\"State\":{\"Running\":false},\"Image\":\"sha256:cfg\",\"Config\":{\"Image\":\"nginx:1.21\"}},"
                                "{\"Id\":\"sha256:cfg\",\"RepoTags\":[\"nginx:1.21\"],\"RepoDigests\":[\"other@sha256:"
            + QByteArray(64, 'b') + "\",\"nginx@sha256:" + h + "\"]}]";
        JsonDocument doc;
        SnapshotFormat f;
        Result<ParsedSnapshot> s = readText(doc, both, &f);
        QCOMPARE(f, SnapshotFormat::DockerInspect);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->observations.size(), size_t(1));
        QCOMPARE(s->observations[0].fingerprint, std::string(64, 'a')); // the RepoDigest of the image's repository
        QCOMPARE(s->observations[0].instance, std::string("web"));

        const QByteArray containerOnly = "[{\"Id\":\"c1\",\"Name\":\"/web\",\"State\":{\"Running\":true},\"Image\":\"sha256:cfg\",\"Config\":{\"Image\":\"nginx:1.21\"}}]";
        JsonDocument doc2;
        Result<ParsedSnapshot> u = readText(doc2, containerOnly);
        QVERIFY(u.ok());
        QVERIFY(u->observations.at(0).fingerprint.empty());
        QVERIFY(!u->warnings.empty());

        // `docker image inspect` output alone is no snapshot (nothing ran), never an empty one: the file is
        // skipped with that reason.
        JsonDocument doc3;
        SnapshotFormat imagesFormat = SnapshotFormat::KubectlPods;
        const QByteArray imagesOnly = "[{\"Id\":\"sha256:cfg\",\"RepoDigests\":[],\"RepoTags\":[\"nginx:1.21\"],\"Config\":{\"Env\":[]},\"RootFS\":{\"Type\":\"layers\"}}]";
        QVERIFY(!readText(doc3, imagesOnly, &imagesFormat).ok());
        QCOMPARE(imagesFormat, SnapshotFormat::None);
        BundleEntry entry;
        entry.displayPath = QStringLiteral("images.json");
        entry.bytes = imagesOnly;
        JsonDocument doc4;
        const ParsedFile parsed = parseFile(entry, doc4);
        QCOMPARE(parsed.kind, ParsedFile::Kind::Unknown);
        QVERIFY2(parsed.skipReason.contains(QStringLiteral("images only")), qPrintable(parsed.skipReason));

        // One container as `docker inspect --format '{{json .}}'` prints it: an object, not an array.
        JsonDocument doc5;
        SnapshotFormat oneFormat = SnapshotFormat::None;
        Result<ParsedSnapshot> one = readText(doc5,
            "{\"Id\":\"c1\",\"Name\":\"/web\",\"State\":{\"Running\":true},\"Image\":\"sha256:cfg\","
            "\"Config\":{\"Image\":\"nginx@sha256:00000000000000000000000000000000000000000000000000000000000000aa\"}}",
            &oneFormat);
        QCOMPARE(oneFormat, SnapshotFormat::DockerInspect);
        QVERIFY2(one.ok(), qPrintable(one.error()));
        QCOMPARE(one->observations.size(), size_t(1));
        QCOMPARE(one->observations[0].fingerprint, std::string(64 - 2, '0') + "aa");
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        QTest::addRow("truncated") << QByteArray("{\"artifacts\":[{\"digests\":{\"a\":\"") << "line 1" << "";
        QTest::addRow("wrong type") << QByteArray("{\"artifacts\":[{\"podName\":\"p\",\"digests\":[]}]}") << "artifacts[0].digests" << "expected an object";
        QTest::addRow("digest not a string") << QByteArray("{\"artifacts\":[{\"podName\":\"p\",\"digests\":{\"a\":5}}]}") << "artifacts[0].digests.a" << "string";
        QTest::addRow("missing digests") << QByteArray("{\"artifacts\":[{\"podName\":\"p\"}]}") << "artifacts[0].digests" << "missing";
        QTest::addRow("time before 1970") << QByteArray("{\"artifacts\":[{\"podName\":\"p\",\"creationTimestamp\":-5,\"digests\":{}}]}")
                                          << "artifacts[0].creationTimestamp" << "1970";
        QTest::addRow("time after 9999") << QByteArray("{\"artifacts\":[{\"podName\":\"p\",\"creationTimestamp\":1e15,\"digests\":{}}]}")
                                         << "artifacts[0].creationTimestamp" << "9999";
        QTest::addRow("huge name") << "{\"artifacts\":[{\"podName\":\"" + QByteArray(100000, 'x') + "\",\"digests\":{}}]}" << "artifacts[0].podName"
                                   << "longer";
        QTest::addRow("deep nesting") << QByteArray(10000, '[') + QByteArray(10000, ']') << "" << "nesting";
        QTest::addRow("invalid utf8") << QByteArray("{\"artifacts\":[{\"podName\":\"\xff\xfe\",\"digests\":{}}]}") << "line 1" << "UTF-8";
        QTest::addRow("big number") << QByteArray("{\"index\":123456789012345678901234567890,\"timestamp\":1,\"artifacts\":[]}") << "" << "number";
        QTest::addRow("server index not a number") << QByteArray("{\"index\":\"x\",\"timestamp\":1,\"artifacts\":[]}") << "index" << "index";
    }
    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QFETCH(QString, words);
        JsonDocument doc;
        Result<ParsedSnapshot> s = readText(doc, json);
        QVERIFY2(!s.ok(), "hostile input must be refused");
        QCOMPARE(s.problem().file, QStringLiteral("input.json"));
        if (!where.isEmpty())
            QVERIFY2(s.problem().where.startsWith(where), qPrintable(s.error()));
        QVERIFY2(s.problem().message.contains(words, Qt::CaseInsensitive), qPrintable(s.error()));
    }

    void malformedDigestIsUnknownWithWarning()
    {
        JsonDocument doc;
        Result<ParsedSnapshot> s = readText(doc, "{\"artifacts\":[{\"podName\":\"p\",\"namespace\":\"n\",\"digests\":{\"app\":\"abc\",\"ok\":\"" + QByteArray(64, 'a') + "\"}}]}");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->observations.size(), size_t(2));
        QVERIFY(s->observations[0].fingerprint.empty());
        QCOMPARE(s->warnings.size(), size_t(1));
        QCOMPARE(s->warnings[0].where, QStringLiteral("artifacts[0].digests.app"));
    }

    void unknownWorkloadsAreNeverMerged()
    {
        std::vector<Observation> obs = { { "a:1", "", "ns/p1", 0 }, { "b:1", "", "ns/p2", 0 }, { "a:1", "", "ns/p3", 0 },
            { "c:1", std::string(64, 'a'), "ns/p4", 0 }, { "d:1", std::string(64, 'a'), "ns/p5", 0 } };
        const auto g = groupObservations(obs);
        QCOMPARE(g.size(), size_t(3)); // one known artifact; unknown a:1 (2 pods) and b:1 kept apart
        int unknown = 0;
        for (const auto& w : g) {
            if (w.fingerprint.empty()) {
                ++unknown;
                QVERIFY(w.key == "?a:1" || w.key == "?b:1");
            } else {
                QCOMPARE(w.instances, 2);
            }
        }
        QCOMPARE(unknown, 2);
    }

    void dryRunLogPrefix()
    {
        // Files saved from `kosli snapshot … --dry-run` keep the log line before the payload.
        QTemporaryDir dir;
        const QByteArray text = "[debug] this is the payload that would be sent in a real run:\n{\"artifacts\":[{\"podName\":\"p\",\"namespace\":\"n\",\"digests\":{\"a\":\""
            + QByteArray(64, 'a') + "\"},\"creationTimestamp\":1}]}\n";
        QVERIFY(testutil::writeFile(dir.filePath(QStringLiteral("dry.txt")), text));
        QTemporaryDir caseDir;
        auto kase = testutil::newCase(caseDir);
        QVERIFY(kase);
        testutil::Run r = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--json"), QStringLiteral("--case"),
            caseDir.filePath(QStringLiteral("c.tideline")), QStringLiteral("--env"), QStringLiteral("prod"), QStringLiteral("--at"),
            QStringLiteral("2026-01-01T00:00:00Z"), dir.filePath(QStringLiteral("dry.txt")) });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QLatin1String("imported")][0][QLatin1String("type")].toString(), QStringLiteral("K8S"));
    }

    void fingerprintVectors()
    {
        // kosli.md §1.4, from kosli-dev/cli's own tests: folders holding these files.
        QTemporaryDir dir;
        testutil::writeFile(dir.filePath(QStringLiteral("extra/file.extra")), "this is known extra content");
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("extra"))), QStringLiteral("c71f5baef8cce289c9b7c971cf219e21b787a025af68ad6539b82634fe62819e"));
        testutil::writeFile(dir.filePath(QStringLiteral("one/sample.txt")), "some content.");
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("one"))), QStringLiteral("388ab80164bbd9d96f132b046b8d09354f68b79a3668da7b507625cd1230dddf"));
        // A file: the sha256 of its bytes.
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("one/sample.txt"))), QStringLiteral("593cfe761544e1363f7594b403c222a4d93cc3f15246ba88d1efc3cb8e817cc5"));
        testutil::writeFile(dir.filePath(QStringLiteral("tree/sample.yaml")), "some content. And some more.");
        testutil::writeFile(dir.filePath(QStringLiteral("tree/nested-dir/file1")), "content1");
        testutil::writeFile(dir.filePath(QStringLiteral("tree/nested-dir/file2")), "content2");
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("tree"))), QStringLiteral("5d3c17dae9e208bbb92ee04ff8342abf77cb0959764def4af3ccfe9a2109d4a7"));
        QDir(dir.path()).mkpath(QStringLiteral("empty"));
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("empty"))), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        // Renaming the root does not change the digest.
        QVERIFY(QDir(dir.path()).rename(QStringLiteral("tree"), QStringLiteral("renamed")));
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("renamed"))), QStringLiteral("5d3c17dae9e208bbb92ee04ff8342abf77cb0959764def4af3ccfe9a2109d4a7"));
    }

    void fingerprintSampleFolder()
    {
        REQUIRE_SAMPLES();
        const QString folder = testutil::sample(QStringLiteral("dir-fingerprint/folder1"));
        Result<QString> all = fingerprintPath(folder);
        QVERIFY2(all.ok(), qPrintable(all.error()));
        QVERIFY2(all->startsWith(QStringLiteral("c43808cb")) && all->endsWith(QStringLiteral("17be")), qPrintable(*all));
        Result<QString> without = fingerprintPath(folder, { QStringLiteral("folder2") });
        QVERIFY2(without->startsWith(QStringLiteral("773fd330")) && without->endsWith(QStringLiteral("430a")), qPrintable(*without));
    }

    void fingerprintIgnoreFileAndSymlinks()
    {
        QTemporaryDir dir;
        testutil::writeFile(dir.filePath(QStringLiteral("a/keep.txt")), "keep");
        testutil::writeFile(dir.filePath(QStringLiteral("a/logs/x.log")), "noise");
        const QString with = *fingerprintPath(dir.filePath(QStringLiteral("a")));
        const QString excluded = *fingerprintPath(dir.filePath(QStringLiteral("a")), { QStringLiteral("logs") });
        QVERIFY(with != excluded);
        // .kosli_ignore patterns are appended to the excludes; the file itself is an ordinary file.
        testutil::writeFile(dir.filePath(QStringLiteral("b/keep.txt")), "keep");
        testutil::writeFile(dir.filePath(QStringLiteral("b/logs/x.log")), "noise");
        testutil::writeFile(dir.filePath(QStringLiteral("b/.kosli_ignore")), "# comment\nlogs   # trailing\n\n.kosli_ignore\n");
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("b"))), excluded);
        QVERIFY(globMatch(QStringLiteral("**/*.log"), QStringLiteral("logs/deep/x.log")));
        QVERIFY(globMatch(QStringLiteral("logs/*"), QStringLiteral("logs/x.log")));
        QVERIFY(!globMatch(QStringLiteral("logs/*"), QStringLiteral("logs/deep/x.log")));
        QVERIFY(globMatch(QStringLiteral("[a-c]?.txt"), QStringLiteral("b1.txt")));
        QVERIFY(!globMatch(QStringLiteral("[^a-c]?.txt"), QStringLiteral("b1.txt")));
        // A broken symbolic link is an error, as in kosli.
        QVERIFY(QFile::link(QStringLiteral("missing-target"), dir.filePath(QStringLiteral("a/broken"))));
        Result<QString> broken = fingerprintPath(dir.filePath(QStringLiteral("a")));
        QVERIFY(!broken.ok());
        QVERIFY(broken.error().contains(QStringLiteral("broken")));
        // A root that is a symlink to a directory is not descended: the empty digest.
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("b")), dir.filePath(QStringLiteral("link-to-b"))));
        QCOMPARE(*fingerprintPath(dir.filePath(QStringLiteral("link-to-b"))), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
};

QTEST_APPLESS_MAIN(TestFormats)
#include "tst_formats.moc"
