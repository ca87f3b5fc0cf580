package io.leadrelay.feedback.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return caller;
    }

    /** The partner id of a partner caller. */
    public String partnerId() {
        return get().partnerId();
    }
}
