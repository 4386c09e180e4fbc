package io.thinkwatch.console.ui;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Error answers of the pages, in words a person can act on: a whole page, or a fragment for htmx. */
public final class ErrorPages {

    static final String STORE_DOWN = "The trace store (OpenSearch) did not answer. Thinkwatch keeps capturing; "
            + "try again in a moment, and if this persists ask an operator to check OpenSearch.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);

        static native TemplateInstance fragment(String title, String message);
    }

    private ErrorPages() {}

    static Response page(int status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, message))
                .build();
    }

    static Response fragment(int status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.fragment(title, message))
                .build();
    }

    public static Response forbidden() {
        return page(403, "Not allowed", "Your role does not allow this. Ask an admin if you need it.");
    }
}
