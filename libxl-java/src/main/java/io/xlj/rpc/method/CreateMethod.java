package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.config.XlConfig;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.DomainQueues;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.Params;
import io.xlj.rpc.RpcMethod;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code create}: params {@code {"config": text, "file": name, "paused": bool}}, result
 * {@code {"domid": n}}. Creates of the same domain name are serialised (the name clash check
 * and the create must not interleave); different names run in parallel.
 */
public final class CreateMethod implements RpcMethod {

    @Override
    public String name() {
        return "create";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        String config = Params.string(params, "config");
        String file = Params.stringOr(params, "file", "<rpc>");
        boolean paused = Params.boolOr(params, "paused", false);
        String key = DomainQueues.nameKey(nameOf(config, file));
        int domid = ctx.queues().run(key, () -> ctx.service().create(config, file, paused));
        return JsonRpc.mapper().createObjectNode().put("domid", domid);
    }

    /** The config's name setting, read the xl way; "" when it has none (create then fails). */
    private static String nameOf(String config, String file) {
        XlConfig cfg = new XlConfig(file, new PrintStream(OutputStream.nullOutputStream()));
        if (cfg.readData(config) != 0) {
            return "";
        }
        return cfg.stringOr("name", "");
    }
}
