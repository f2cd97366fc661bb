package org.bobine.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiHandler;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Authenticator;
import org.bobine.web.api.Router;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of {@code /api/v1}: routes each request to the {@link ApiRoutes} service that declared its
 * route, and turns what the handler returns or throws into a response with the API's conventions.
 */
@Component(service = Servlet.class, configurationPid = ApiDispatcher.PID)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletMultipart(enabled = true, fileSizeThreshold = ApiDispatcher.UPLOAD_IN_MEMORY,
        maxFileSize = ApiDispatcher.MAX_UPLOAD, maxRequestSize = ApiDispatcher.MAX_UPLOAD)
@Designate(ocd = ApiDispatcher.Config.class)
public class ApiDispatcher extends HttpServlet {

    /** The configuration PID, fed by the {@code http} section of bobine.yaml. */
    public static final String PID = "bobine.http";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    static final String PREFIX = "/api/v1";
    /**
     * The largest multipart body the web server parses for any route: PeerTube's limit for the legacy video upload
     * (its nginx template's {@code client_max_body_size 12G}). Each route has a lower limit of its own
     * ({@link Router#DEFAULT_MULTIPART_BYTES} unless declared), checked against {@code Content-Length} before the
     * body is parsed, so that only upload routes take large bodies.
     */
    static final long MAX_UPLOAD = 12L << 30;
    /** Parts up to this size stay in memory; larger ones go to a temporary file until the request ends. */
    static final int UPLOAD_IN_MEMORY = 1 << 20;

    /** The limits of the HTTP API. */
    @ObjectClassDefinition(id = PID, name = "HTTP API",
            description = "Limits that apply to every request of the HTTP API.")
    public @interface Config {
        /** PeerTube's limit for JSON bodies. */
        int DEFAULT_MAX_BODY_SIZE = 500 * 1024;

        @AttributeDefinition(name = "Largest request body",
                description = "The largest JSON or form body, in bytes, that an API request may carry "
                        + "(file uploads have their own limits).", min = "1024")
        int maxBodySize() default DEFAULT_MAX_BODY_SIZE;
    }

    /** Routes by service id, so that the table can be rebuilt when a service comes or goes. */
    private final Map<Long, List<RouteTable.Route>> routesByService = new ConcurrentSkipListMap<>();
    private volatile RouteTable table = RouteTable.EMPTY;
    private final int maxBodySize;

    @Activate
    public ApiDispatcher(Config config) {
        this.maxBodySize = config.maxBodySize();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRoutes(ApiRoutes routes, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        // Higher ranking first, then the older service.
        long rank = ((long) ranking << 32) - serviceId;
        String owner = routes.getClass().getName();
        List<RouteTable.Route> declared = new ArrayList<>();
        Router router = new Router() {
            @Override
            public Router route(String method, String path, ApiHandler handler) {
                return route(method, path, DEFAULT_MULTIPART_BYTES, handler);
            }

            @Override
            public Router route(String method, String path, long maxMultipartBytes, ApiHandler handler) {
                declared.add(new RouteTable.Route(method.toUpperCase(Locale.ROOT), path,
                        RouteTable.parseTemplate(path), handler, rank, owner,
                        Math.min(Math.max(0, maxMultipartBytes), MAX_UPLOAD)));
                return this;
            }
        };
        try {
            routes.register(router);
        } catch (RuntimeException e) {
            LOG.error("The API routes of {} could not be registered: {}", owner, e.getMessage(), e);
            return;
        }
        routesByService.put(serviceId, declared);
        rebuild();
    }

    /** The highest-ranked authenticator: DS binds the best one first and replaces it when a better comes. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    void removeRoutes(ApiRoutes routes, Map<String, Object> properties) {
        routesByService.remove((Long) properties.get(Constants.SERVICE_ID));
        rebuild();
    }

    private synchronized void rebuild() {
        List<RouteTable.Route> all = new ArrayList<>();
        routesByService.values().forEach(all::addAll);
        RouteTable rebuilt = new RouteTable(all);
        warnAboutDuplicates(all);
        table = rebuilt;
    }

    private static void warnAboutDuplicates(List<RouteTable.Route> all) {
        Map<String, RouteTable.Route> seen = new HashMap<>();
        for (RouteTable.Route route : all) {
            RouteTable.Route other = seen.putIfAbsent(route.method() + " " + route.template(), route);
            if (other != null) {
                LOG.warn("{} {} is declared by both {} and {}; the higher-ranked one answers", route.method(),
                        route.template(), other.owner(), route.owner());
            }
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String instance = PREFIX + path;
        RouteTable current = table;
        RouteTable.Match match = current.find(method.equals("HEAD") ? "GET" : method, path);
        try {
            if (match == null) {
                throw ApiException.badRequest(current.hasPath(path)
                        ? "The method " + method + " is not allowed on " + instance
                        : "Unknown API route " + instance);
            }
            checkMultipartLength(request, match.route());
            ServletApiRequest apiRequest = new ServletApiRequest(request, path, match.params(), maxBodySize,
                    authenticator);
            try {
                Object result = match.route().handler().handle(apiRequest);
                drainBody(request, response);
                write(response, result, method.equals("HEAD"));
            } finally {
                apiRequest.release();
            }
        } catch (ApiException e) {
            drainBody(request, response);
            Problems.write(response, e, instance);
        } catch (Exception e) {
            LOG.error("{} {} failed", method, instance, e);
            drainBody(request, response);
            Problems.write(response, new ApiException(500, null, "The server could not answer this request"),
                    instance);
        }
    }

    /**
     * Refuses a multipart body larger than its route accepts before the web server parses it (and writes its
     * parts to temporary files). A multipart body of unknown length is only accepted by routes that declared a
     * limit of their own: elsewhere it could only be measured by reading it.
     */
    static void checkMultipartLength(HttpServletRequest request, RouteTable.Route route) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return;
        }
        long length = request.getContentLengthLong();
        if (length > route.maxMultipartBytes()) {
            throw new ApiException(413, "max_file_size_reached", "The request body is larger than the largest "
                    + "accepted upload (" + route.maxMultipartBytes() + " bytes)");
        }
        if (length < 0 && route.maxMultipartBytes() <= Router.DEFAULT_MULTIPART_BYTES) {
            throw new ApiException(411, null, "A multipart body must declare its Content-Length");
        }
    }

    /**
     * Reads what the handler left of the request body (an answer given before reading it, such as a 401), so
     * that the connection can serve the client's next request; a body too large to skip closes the connection
     * instead, and says so.
     */
    private void drainBody(HttpServletRequest request, HttpServletResponse response) {
        try {
            var in = request.getInputStream();
            long skipped = 0;
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                skipped += n;
                if (skipped > maxBodySize) {
                    response.setHeader("Connection", "close");
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            // Already read as a reader, or the client went away: nothing left to keep the connection for.
            response.setHeader("Connection", "close");
        }
    }

    private static void write(HttpServletResponse response, Object result, boolean head) throws IOException {
        ApiResponse api = result instanceof ApiResponse r ? r
                : result == null ? ApiResponse.noContent() : ApiResponse.json(200, result);
        response.setStatus(api.status());
        api.headers().forEach(response::setHeader);
        if (api.body() == null) {
            return;
        }
        byte[] bytes = api.body() instanceof byte[] raw ? raw : Json.MAPPER.writeValueAsBytes(api.body());
        response.setContentType(api.contentType());
        response.setContentLength(bytes.length);
        if (!head) {
            response.getOutputStream().write(bytes);
        }
    }
}
