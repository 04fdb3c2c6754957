package org.recgateway.http;

import java.util.List;
import java.util.Map;

/**
 * One request, free of Netty.
 *
 * @param path          the raw (not percent-decoded) path
 * @param parameters    the decoded query parameters
 * @param authorization the Authorization header, or null
 * @param body          the request body (empty for none), already capped by the server
 */
record ApiRequest(String method, String path, Map<String, List<String>> parameters, String authorization, byte[] body) {
    ApiRequest {
        parameters = Map.copyOf(parameters);
        body = body == null ? new byte[0] : body;
    }
}
