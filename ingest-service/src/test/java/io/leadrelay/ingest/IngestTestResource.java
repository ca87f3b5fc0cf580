package io.leadrelay.ingest;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.leadrelay.testsupport.LeadrelayTestResource;

/**
 * The shared broker and registry, plus a local stub of Meta's Graph API (WireMock) that the service is pointed at.
 * Every integration test class uses this one resource, so Quarkus boots once for all of them.
 */
public class IngestTestResource extends LeadrelayTestResource {

    private static WireMockServer graph;

    public static synchronized WireMockServer graph() {
        if (graph == null) {
            graph = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            graph.start();
        }
        return graph;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("leadrelay.ingest.meta.graph-base-url", graph().baseUrl());
        return config;
    }
}
