package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/** Reads and checks method parameters; problems become {@link JsonRpc#INVALID_PARAMS}. */
public final class Params {

    private Params() {
    }

    public static String string(JsonNode params, String name) {
        JsonNode v = params.get(name);
        if (v == null || !v.isTextual()) {
            throw RpcException.invalidParams("\"" + name + "\" must be a string");
        }
        return v.textValue();
    }

    public static String stringOr(JsonNode params, String name, String dflt) {
        return params.has(name) ? string(params, name) : dflt;
    }

    public static boolean boolOr(JsonNode params, String name, boolean dflt) {
        JsonNode v = params.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw RpcException.invalidParams("\"" + name + "\" must be true or false");
        }
        return v.booleanValue();
    }

    public static int domid(JsonNode params, String name) {
        JsonNode v = params.get(name);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw RpcException.invalidParams("\"" + name + "\" must be a domain id (a non-negative integer)");
        }
        return v.intValue();
    }

    /**
     * The existing domain named by {@code params.domain}: a domid (number, or a string of
     * digits, as xl reads its arguments) or a name.
     */
    public static int domain(JsonNode params, DomainService service) {
        JsonNode v = params.get("domain");
        if (v != null && v.isIntegralNumber()) {
            int domid = domid(params, "domain");
            if (service.domname(domid).isEmpty()) {
                throw new RpcException(JsonRpc.NO_SUCH_DOMAIN, "Domain " + domid + " does not exist.");
            }
            return domid;
        }
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw RpcException.invalidParams("\"domain\" must be a domain name or id");
        }
        String s = v.textValue();
        if (s.chars().allMatch(Character::isDigit) && s.length() < 10) {
            int domid = Integer.parseInt(s);
            if (service.domname(domid).isEmpty()) {
                throw new RpcException(JsonRpc.NO_SUCH_DOMAIN, "Domain " + domid + " does not exist.");
            }
            return domid;
        }
        OptionalInt domid = service.domid(s);
        if (domid.isEmpty()) {
            // xl's words: "<name> is an invalid domain identifier (rc=-6)"
            throw new RpcException(JsonRpc.NO_SUCH_DOMAIN, s + " is an invalid domain identifier (rc=-6)");
        }
        return domid.getAsInt();
    }
}
