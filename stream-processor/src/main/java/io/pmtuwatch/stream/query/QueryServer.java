package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pmtuwatch.stream.metrics.MetricsReport;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import io.pmtuwatch.stream.view.ViewHandler;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP query API over the running instances' state (interactive queries). A request about one
 * key is answered by the instance that owns the key's partition: others forward it there (Kafka
 * Streams knows the owner from {@code application.server}); a request about everything gathers the
 * local answers of every instance.
 *
 * <pre>
 * GET /paths              a page of path summaries, worst first: ?status= &agent= &target= &finding= &q=
 *                         &limit= (1-1000, default 100) &cursor= (the previous page's nextCursor); with
 *                         the filtered count, the fleet's count per status and the filters' choices
 * GET /paths/{pathId}     one path: latest diagnosis with hop list, open anomalies (pathId URL-encoded,
 *                         as each summary's href has it)
 * GET /links              a page of links where the MTU drops, by id: ?q= &limit= &cursor= (each with its href)
 * GET /links/{linkId}     one link (linkId URL-encoded, as each link's href has it)
 * GET /anomalies          a page of open anomaly windows, by id: ?kind= &finding= &agent= &path= &q= &limit= &cursor=
 *                         (each with the subjectHref of its path or link)
 * GET /metrics            this instance's counters (JSON; ?format=prometheus for the text format)
 * GET /health             UP (200) or DOWN (503) with the reasons: see io.pmtuwatch.stream.health
 * GET /view/              the path view (GET / redirects there)
 * HEAD                    as GET, without the body; any other method is a 405 with Allow: GET, HEAD
 * </pre>
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    /** Marks a request one instance sent another: answer from local state, never forward again. */
    static final String LOCAL_ONLY_HEADER = "X-Pmtu-Local-Only";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final StringSerializer KEYS = new StringSerializer();
    /** How old a page of /paths may be: one read of the store per this, however many views are open. */
    private static final Duration PATH_INDEX_MAX_AGE = Duration.ofSeconds(2);
    /** How long to wait for another instance's answer. */
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);
    /** Threads answering clients, and threads answering the clients' requests that ask other instances. */
    private static final int THREADS = 4;
    /** Clients' requests that may wait for a gather thread; past this they answer 503. */
    private static final int GATHER_QUEUE = 64;
    static final String ALLOWED_METHODS = "GET, HEAD";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExecutorService gatherExecutor;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile KafkaStreams streams;
    private volatile LocalViews local;
    private volatile PathIndex pathIndex;
    private volatile MetricsReport metrics;
    private volatile HostInfo self;
    private volatile java.util.function.Supplier<io.pmtuwatch.stream.health.Health> health;

    private QueryServer(HttpServer server) {
        this.server = server;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemons("query-api"));
        // Bounded queue: past it a client is told to retry rather than kept waiting behind everyone else.
        this.gatherExecutor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(GATHER_QUEUE), daemons("query-api-gather"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext("/view", ViewHandler.create()); // the path view: static page polling this API
    }

    private static ThreadFactory daemons(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Binds the port (0: any free one) before Kafka Streams is created: the port is part of the
     * instance's address in the group metadata ({@code application.server}).
     */
    public static QueryServer bind(String address, int port) throws IOException {
        return new QueryServer(HttpServer.create(new InetSocketAddress(address, port), 64));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Starts answering.
     *
     * @param self host and port under which this instance is known to the others (its {@code application.server})
     */
    public void start(KafkaStreams streams, MetricsReport metrics, HostInfo self) {
        this.streams = streams;
        this.local = new LocalViews(streams);
        this.pathIndex = new PathIndex(local::storedPaths, LocalViews::pathSummary, PATH_INDEX_MAX_AGE, System::nanoTime);
        this.metrics = metrics;
        this.self = self;
        server.start();
        log.info("Query API listening on http://{}:{}/", server.getAddress().getHostString(), port());
    }

    /** What {@code /health} answers (without it: Kafka Streams' state alone). */
    public void health(java.util.function.Supplier<io.pmtuwatch.stream.health.Health> health) {
        this.health = health;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        gatherExecutor.shutdownNow();
    }

    /**
     * Answers on the server's own threads whatever needs no other instance, requests from other
     * instances included; a client's request that may ask other instances waits for them on the
     * gather threads. So the server's threads never wait for another instance, and an instance that
     * waits for this one's local answer always gets it, however many clients wait on both.
     */
    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", ALLOWED_METHODS);
            answerAndClose(exchange, 405, error(method + " is not supported; the API answers " + ALLOWED_METHODS));
            return;
        }
        boolean localOnly = exchange.getRequestHeaders().containsKey(LOCAL_ONLY_HEADER);
        if (localOnly || !mayAskOthers(exchange.getRequestURI().getPath())) {
            answer(exchange, localOnly);
            return;
        }
        try {
            gatherExecutor.execute(() -> {
                try {
                    answer(exchange, false);
                } catch (IOException e) {
                    log.debug("Could not answer {}: {}", exchange.getRequestURI(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            answerAndClose(exchange, 503, error("too many queries waiting for other instances; retry shortly"));
        }
    }

    private static boolean mayAskOthers(String path) {
        return path.startsWith("/paths") || path.startsWith("/links") || path.startsWith("/anomalies");
    }

    private void answerAndClose(HttpExchange exchange, int status, JsonNode body) throws IOException {
        try {
            send(exchange, status, body);
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, boolean localOnly) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            try {
                route(exchange, uri, path, localOnly);
            } catch (ApiException e) {
                send(exchange, e.status(), error(e.getMessage()));
            } catch (InvalidStateStoreException e) {
                send(exchange, 503, error("state is not queryable right now (" + e.getMessage() + "); retry shortly"));
            } catch (RuntimeException e) {
                log.warn("Query {} failed", uri, e);
                send(exchange, 500, error(e.toString()));
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, URI uri, String path, boolean localOnly) throws IOException {
        if (path.equals("/")) {
            ViewHandler.redirect(exchange, ViewHandler.PREFIX);
        } else if (path.equals("/health") && health != null) {
            io.pmtuwatch.stream.health.Health now = health.get();
            send(exchange, now.healthy() ? 200 : 503, now.json());
        } else if (path.equals("/health")) {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("state", streams.state().name());
            send(exchange, streams.state().isRunningOrRebalancing() ? 200 : 503, node);
        } else if (path.equals("/metrics")) {
            String format = QueryParams.parse(uri.getRawQuery()).allow("/metrics", Set.of("format")).get("format");
            if (format.equals("prometheus")) {
                sendText(exchange, metrics.prometheus());
            } else if (format.isEmpty() || format.equals("json")) {
                send(exchange, 200, metrics.json());
            } else {
                throw ApiException.badRequest("format must be json (the default) or prometheus, not '" + format + "'");
            }
        } else if (path.equals("/paths") || path.equals("/paths/")) {
            QueryParams params = QueryParams.parse(uri.getRawQuery()).allow("/paths", PathFilter.PARAMETERS);
            int limit = params.limit();
            PathFilter filter = PathFilter.from(params);
            PathPage mine = pathIndex.page(filter, PathSummary.cursorKey(filter.cursor(), params.get("cursor")), limit);
            if (localOnly) {
                send(exchange, 200, mine.toJson());
                return;
            }
            List<PathPage> pages = new ArrayList<>(List.of(mine));
            gather("/paths", params, List.of(PathTracker.PATH_DIAGNOSES_STORE)).forEach(answer -> pages.add(PathPage.fromJson(answer)));
            send(exchange, 200, PathPage.merge(pages, filter.cursor(), limit).toJson());
        } else if (path.startsWith("/paths/")) {
            String pathId = path.substring("/paths/".length());
            byKey(exchange, PathTracker.PATH_DIAGNOSES_STORE, pathId, "/paths/", localOnly, () -> local.path(pathId));
        } else if (path.equals("/links") || path.equals("/links/")) {
            QueryParams params = QueryParams.parse(uri.getRawQuery()).allow("/links", ListFilters.LINK_PARAMETERS);
            ListFilters.Filter filter = ListFilters.links(params);
            listPage(exchange, params, localOnly, "/links", List.of(LinkAggregator.LINKS_STORE), "linkId", () -> local.links(),
                    filter);
        } else if (path.startsWith("/links/")) {
            String linkId = path.substring("/links/".length());
            byKey(exchange, LinkAggregator.LINKS_STORE, linkId, "/links/", localOnly, () -> local.link(linkId));
        } else if (path.equals("/anomalies") || path.equals("/anomalies/")) {
            QueryParams params = QueryParams.parse(uri.getRawQuery()).allow("/anomalies", ListFilters.ANOMALY_PARAMETERS);
            ListFilters.Filter filter = ListFilters.anomalies(params);
            // Paths' windows and links' windows live in different stores: ask whoever holds either.
            listPage(exchange, params, localOnly, "/anomalies", List.of(PathTracker.PATH_STATE_STORE, LinkAggregator.LINKS_STORE),
                    "id", () -> local.openAnomalies(), filter);
        } else {
            send(exchange, 404, error("unknown resource " + path + "; try /paths, /links, /anomalies, /metrics, /health"));
        }
    }

    private void byKey(HttpExchange exchange, String store, String key, String resource, boolean localOnly,
                       java.util.function.Supplier<Optional<JsonNode>> localAnswer) throws IOException {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
        HostInfo active = owner == null ? HostInfo.unavailable() : owner.activeHost();
        if (localOnly || active.equals(self) || self == null) {
            Optional<JsonNode> answer = localAnswer.get();
            send(exchange, answer.isPresent() ? 200 : 404, answer.orElseGet(() -> error("no state for '" + key + "'")));
            return;
        }
        if (active.equals(HostInfo.unavailable())) {
            send(exchange, 503, error("no instance owns '" + key + "' right now (rebalancing?); retry shortly"));
            return;
        }
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<byte[]> response = await(active, forward(active, resource + encoded));
        exchange.getResponseHeaders().add("X-Pmtu-Answered-By", active.host() + ":" + active.port());
        send(exchange, response.statusCode(), "application/json", response.body());
    }

    /** A list ordered by id, paged, across instances. */
    private void listPage(HttpExchange exchange, QueryParams params, boolean localOnly, String resource, List<String> stores,
                          String idField, java.util.function.Supplier<List<JsonNode>> localItems, ListFilters.Filter filter)
            throws IOException {
        int limit = params.limit();
        List<String> after = filter.cursor().decode(params.get("cursor"), 1); // a bad request is told so before any state is read
        IdPage mine = IdPage.of(localItems.get(), idField, filter.test(), filter.cursor(), after, limit);
        if (localOnly) {
            send(exchange, 200, mine.toJson());
            return;
        }
        List<IdPage> pages = new ArrayList<>(List.of(mine));
        gather(resource, params, stores).forEach(answer -> pages.add(IdPage.fromJson(answer)));
        send(exchange, 200, IdPage.merge(pages, idField, filter.cursor(), limit).toJson());
    }

    /**
     * The same request answered by every other instance from its own state (same filters, cursor and
     * limit), asked all at once: the wait is the slowest instance's, not the sum of all.
     */
    private List<JsonNode> gather(String resource, QueryParams params, List<String> stores) {
        Set<HostInfo> others = new LinkedHashSet<>();
        for (String store : stores) {
            for (StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
                if (self != null && !instance.hostInfo().equals(self)) {
                    others.add(instance.hostInfo());
                }
            }
        }
        Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> asked = new LinkedHashMap<>();
        for (HostInfo other : others) {
            asked.put(other, forward(other, resource + "?" + params.encodeWithLimit(params.limit())));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Map.Entry<HostInfo, CompletableFuture<HttpResponse<byte[]>>> entry : asked.entrySet()) {
            HttpResponse<byte[]> response = await(entry.getKey(), entry.getValue());
            if (response.statusCode() != 200) {
                throw new InvalidStateStoreException("instance " + entry.getKey() + " answered " + response.statusCode());
            }
            try {
                answers.add(MAPPER.readTree(response.body()));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer from " + entry.getKey(), e);
            }
        }
        return answers;
    }

    private CompletableFuture<HttpResponse<byte[]>> forward(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(LOCAL_ONLY_HEADER, "1").timeout(PEER_TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The answer of another instance; none within the timeout is a 503 to retry. */
    private static HttpResponse<byte[]> await(HostInfo host, CompletableFuture<HttpResponse<byte[]>> answer) {
        try {
            // The request's own timeout ends at the response headers; this one bounds the body too.
            return answer.get(2 * PEER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new InvalidStateStoreException("instance " + host + " did not answer within " + 2 * PEER_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new InvalidStateStoreException("instance " + host + " did not answer: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidStateStoreException("interrupted while asking " + host);
        }
    }

    private static JsonNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private static void sendText(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A HEAD request gets the headers a GET would, its Content-Length included, and no body. */
    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // The JDK server drops a length passed for HEAD (with a warning): set the header, pass "no body".
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
