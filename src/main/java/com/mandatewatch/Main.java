package com.mandatewatch;

import com.mandatewatch.api.*;
import com.mandatewatch.auth.Passwords;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.Tokens;
import com.mandatewatch.auth.User;
import com.mandatewatch.config.AppConfig;
import com.mandatewatch.config.ConfigException;
import com.mandatewatch.config.ConfigLoader;
import com.mandatewatch.demo.DemoData;
import com.mandatewatch.demo.DemoDataSet;
import com.mandatewatch.demo.DemoLoader;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.cluster.Cluster;
import com.mandatewatch.engine.ClusterLink;
import com.mandatewatch.engine.Engine;
import com.mandatewatch.engine.EngineVerticle;
import com.mandatewatch.engine.FeedBatch;
import com.mandatewatch.feed.KafkaFeedVerticle;
import com.mandatewatch.feed.ReplayVerticle;
import com.mandatewatch.notify.MailComposer;
import com.mandatewatch.notify.MailVerticle;
import com.mandatewatch.ops.Health;
import com.mandatewatch.ops.MailHealth;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.rules.BusinessCalendar;
import com.mandatewatch.store.*;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts one instance: reads the configuration, opens the database and migrates it, makes sure there is
 * an administrator, loads the demo data set on an empty database, then deploys the engine, the mail
 * sender, the HTTP server, the Kafka feed (when configured) and the replay, in that order. Exits non-zero naming the first failure.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger QUIET_EMBEDDED_PG = Logger.getLogger("io.zonky");

    /** A running instance, for tests and for shutdown; {@code deployments} in the order they are stopped in reverse. */
    public record Running(Vertx vertx, Database database, HttpVerticle http, AppConfig config, List<String> deployments) {
        /**
         * A graceful stop: the verticles in the reverse order of their start, one after another, so that the doors
         * close first (replay, Kafka, HTTP take nothing new) and the engine then finishes the work already taken in
         * before its own stop completes; then the database (the embedded PostgreSQL holds a lock on the data
         * directory until it is stopped: without this a restart on the same data in the same JVM fails), then Vert.x.
         */
        public Future<Void> stop() {
            Future<Void> undeployed = Future.succeededFuture();
            for (int i = deployments.size() - 1; i >= 0; i--) {
                String id = deployments.get(i);
                undeployed = undeployed.transform(x -> vertx.undeploy(id));
            }
            return undeployed.transform(x -> database.close(vertx)).transform(x -> vertx.close());
        }

        public int port() { return http.port(); }
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s - %5$s%6$s%n");
        // the embedded PostgreSQL echoes every server line at INFO: only its warnings are worth a reader's time
        QUIET_EMBEDDED_PG.setLevel(java.util.logging.Level.WARNING);
        AppConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
            com.mandatewatch.report.ClassScheme.load(); // a bad conf/classification.yaml stops here too (exit 2), naming its key
            com.mandatewatch.report.AssessmentStandards.load(); // and a bad conf/assessment.yaml
        } catch (ConfigException e) {
            System.err.println("配置错误 / configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        start(config).onSuccess(r -> {
            LOG.info("Mandate Watch is up: http://localhost:" + r.port() + "/");
            // printed, not logged: java.util.logging resets its handlers in a shutdown hook of its own, racing this one
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.err.println("正在停止，完成已接收的数据 / stopping: finishing the work in hand");
                r.stop().await();
                System.err.println("已停止 / stopped");
            }));
        }).onFailure(e -> {
            System.err.println("启动失败 / start-up failed: " + e);
            e.printStackTrace();
            System.exit(1);
        });
    }

    public static Future<Running> start(AppConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
        vertx.eventBus().registerDefaultCodec(FeedBatch.class, new Bus.LocalCodec<>(FeedBatch.class));
        Metrics metrics = new Metrics(registry);
        BusinessCalendar calendar = BusinessCalendar.loadDefault();
        return Database.open(vertx, config).compose(db -> Migrations.apply(db.pool()).compose(v -> stores(vertx, db, config, registry, metrics, calendar)))
                .onFailure(e -> vertx.close());
    }

    /** Reading the price file takes a second or more: off the event loop, before anything is wired. */
    private static Future<Running> stores(Vertx vertx, Database db, AppConfig config, PrometheusMeterRegistry registry,
                                          Metrics metrics, BusinessCalendar calendar) {
        Future<DemoData> demoData = config.demo() ? vertx.executeBlocking(DemoDataSet::build) : Future.succeededFuture();
        return demoData.compose(demo -> wire(vertx, db, config, registry, metrics, calendar, Stores.over(db.pool()), demo));
    }

    private static Future<Running> wire(Vertx vertx, Database db, AppConfig config, PrometheusMeterRegistry registry,
                                        Metrics metrics, BusinessCalendar calendar, Stores s, DemoData demo) {
        ReferenceStore reference = s.reference();
        UserStore users = s.users();
        MailHealth mailHealth = new MailHealth(config.smtp().configured());
        Health health = new Health(db.pool());
        health.inform("mail", mailHealth::state);
        Engine.Clock clock = config.clock() == AppConfig.ClockMode.FEED ? Engine.Clock.FEED : Engine.Clock.WALL;
        Future<Tokens> tokens = users.settingIfAbsent("auth.token-key", randomKey())
                .map(key -> new Tokens(Base64.getDecoder().decode(key), config.tokenTtl(), Clock.systemUTC()));
        Future<Boolean> fresh = ensureAdmin(vertx, users, config)
                .compose(v -> demo == null ? Future.succeededFuture(false) : DemoLoader.loadIfEmpty(vertx, db.pool(), users, reference, demo));
        return Future.all(tokens, fresh).compose(x -> {
            com.mandatewatch.store.ApiTokenStore apiTokens = new com.mandatewatch.store.ApiTokenStore(db.pool());
            AuthHandler auth = new AuthHandler(tokens.result(), users, com.mandatewatch.auth.LoginThrottle.standard(), apiTokens);
            AlertSocket socket = new AlertSocket(vertx, auth, s.alerts(), reference, metrics, config.allowedOrigins(),
                    config.ws().pingInterval(), config.ws().deadAfter());
            SilenceStore silences = new SilenceStore(db.pool());
            AuditStore audit = new AuditStore(db.pool());
            com.mandatewatch.api.BusinessClock businessClock = new com.mandatewatch.api.BusinessClock(users, clock == Engine.Clock.FEED);
            vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(Bus.ACCESS_DENIED, m -> audit.denied(m.body().getString("actor"),
                    m.body().getString("path"), m.body().getString("detail")).onFailure(e -> LOG.warning("access denial not audited: " + e)));
            RecordStore records = new RecordStore(db.pool(), reference, audit);
            ReportRoutes reports = new ReportRoutes(reference, new ReturnStore(db.pool()), com.mandatewatch.report.ClassScheme.load());
            // the read-only fields of every client body: its classification and its manager's name
            com.mandatewatch.api.PersonNames names = new com.mandatewatch.api.PersonNames(users);
            java.util.function.Function<io.vertx.core.json.JsonObject, Future<io.vertx.core.json.JsonObject>> clientFields =
                    body -> reports.withClassification(body).compose(b -> names.add(b, "manager"));
            AppConfig.Cluster clustered = config.cluster();
            ClusterStore clusterStore = new ClusterStore(db.pool());
            PeerForwarder peers = clustered.enabled() ? PeerForwarder.over(vertx, clusterStore, clustered.instanceId()) : PeerForwarder.none();
            com.mandatewatch.feed.KafkaFeedProducer feedToKafka = clustered.enabled()
                    ? new com.mandatewatch.feed.KafkaFeedProducer(vertx, config.kafka().bootstrap(), clustered.accountTopics().get(0),
                    sharedTopics(config).get(0)) : null;
            List<java.util.function.Consumer<io.vertx.ext.web.Router>> routes = List.of(
                    new UserRoutes(users, apiTokens)::mount,
                    // before ReferenceRoutes: /clients/export and /clients/print are not client codes
                    new com.mandatewatch.api.ClientQueryRoutes(reference, clientFields, names)::mount,
                    new com.mandatewatch.api.ContactRoutes(reference, new com.mandatewatch.store.ContactStore(db.pool()))::mount,
                    new ReferenceRoutes(reference, records, users, clientFields)::mount,
                    new RecordRoutes(reference, records, audit, names)::mount,
                    reports::mount,
                    new FeedRoutes(s.state(), metrics, feedToKafka)::mount, new AlertRoutes(s.alerts(), reference, peers)::mount,
                    new AccountRoutes(reference, peers)::mount,
                    new DisclosureRoutes(s.disclosures(), reference)::mount,
                    new StatusRoutes(businessClock, s.outbox(), config.smtp().configured())::mount,
                    new SilenceRoutes(silences, reference)::mount, new OutboxRoutes(s.outbox())::mount,
                    new DeadLetterRoutes(new DeadLetterStore(db.pool()))::mount,
                    new AssessmentRoutes(reference, users, new AssessmentStore(db.pool(), audit),
                            com.mandatewatch.report.AssessmentStandards.load(), businessClock)::mount);
            List<String> deployed = new java.util.concurrent.CopyOnWriteArrayList<>();
            HttpVerticle http = new HttpVerticle(config.httpPort(), config.feedMaxBodyBytes(), auth, socket, routes, registry, health);
            Cluster cluster = clustered.enabled()
                    ? new Cluster(clustered.instanceId(), clustered.advertisedUrl(), http::port, clusterStore, s.alerts(), db.connectOptions(), registry)
                    : null;
            return vertx.deployVerticle(new EngineVerticle(s, metrics, calendar, clock,
                            config.feedStaleAfter(), config.cureTradingDays(), config.keepFiringFor(), config.groupWait(),
                            cluster == null ? ClusterLink.SOLO : cluster))
                    .onSuccess(deployed::add)
                    .compose(id -> fresh.result() ? vertx.eventBus().request(Bus.FEED, new FeedBatch("demo", demo.openingEvents()),
                            new DeliveryOptions().setSendTimeout(120_000)).mapEmpty() : Future.succeededFuture())
                    .compose(v -> vertx.deployVerticle(new MailVerticle(config.smtp(), config.retry(), config.minInterval(),
                            s.outbox(), s.alerts(), silences, new MailComposer(config.dashboardUrl()), metrics, mailHealth)))
                    .onSuccess(deployed::add)
                    .compose(id -> vertx.deployVerticle(http)).onSuccess(deployed::add)
                    // after HTTP (the peers reach it there), before the Kafka feed (which tells it what it owns)
                    // stopped last (first in the list): the engine's final writes still need its leadership and notices
                    .compose(id -> cluster == null ? Future.succeededFuture() : vertx.deployVerticle(cluster).onSuccess(c -> deployed.add(0, c)).mapEmpty())
                    .compose(id -> kafka(vertx, config, s, metrics, health, deployed, cluster))
                    .compose(id -> demo == null ? Future.succeededFuture()
                            : users.setting(DemoLoader.LOADED).compose(loaded -> loaded.isEmpty() ? Future.succeededFuture()
                            : vertx.deployVerticle(new ReplayVerticle(demo, users, config.replaySpeed())).onSuccess(deployed::add).mapEmpty()))
                    .map(v -> {
                        health.started();
                        return new Running(vertx, db, http, config, deployed);
                    });
        });
    }

    /**
     * With MW_KAFKA_BOOTSTRAP set: the Kafka feed consumer, after the engine (it sends it batches) and before the
     * replay; /health/ready then also asks the brokers. With several instances, two consumers: the account topics in
     * the shared group (each account read by one instance), the other topics in a group of this instance's own (every
     * instance reads every price).
     */
    private static Future<Void> kafka(Vertx vertx, AppConfig config, Stores s, Metrics metrics, Health health, List<String> deployed,
                                      Cluster cluster) {
        if (!config.kafka().configured()) return Future.succeededFuture();
        AppConfig.Kafka k = config.kafka();
        List<KafkaFeedVerticle> feeds = cluster == null ? List.of(new KafkaFeedVerticle(k, s.state(), metrics))
                : List.of(new KafkaFeedVerticle(k, sharedTopics(config), k.groupId() + "." + cluster.instanceId(), null, s.state(), metrics),
                new KafkaFeedVerticle(k, config.cluster().accountTopics(), k.groupId(), cluster, s.state(), metrics));
        Future<Void> chain = Future.succeededFuture();
        for (KafkaFeedVerticle feed : feeds) chain = chain.compose(v -> vertx.deployVerticle(feed).map(id -> {
            deployed.add(id);
            return null;
        }));
        return chain.onSuccess(v -> health.check("kafka", feeds.get(0)::check));
    }

    /** The feed topics every instance reads in full: all but the account topics. */
    private static List<String> sharedTopics(AppConfig config) {
        return config.kafka().topics().stream().filter(t -> !config.cluster().accountTopics().contains(t)).toList();
    }

    /** The first administrator: MW_ADMIN_PASSWORD, or a generated password printed once (never a default). */
    private static Future<Void> ensureAdmin(Vertx vertx, UserStore users, AppConfig config) {
        return users.find("admin").compose(existing -> {
            if (existing.isPresent()) return Future.succeededFuture();
            String password = config.adminPassword() != null ? config.adminPassword() : Passwords.generate();
            return vertx.executeBlocking(() -> Passwords.hash(password))
                    .compose(hash -> users.insert(new User("admin", "管理员", Role.ADMIN, null, true), hash, "system").map(true)
                            // another instance starting on the same database made it first, and printed its password
                            .recover(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                                    ? Future.succeededFuture(false) : Future.failedFuture(e)))
                    .map(created -> {
                        if (created && config.adminPassword() == null) {
                            System.out.println("\n==== 首次启动 / first start: user 'admin', password '" + password
                                    + "' (shown once; set MW_ADMIN_PASSWORD to choose it) ====\n");
                        }
                        return null;
                    });
        });
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

}
