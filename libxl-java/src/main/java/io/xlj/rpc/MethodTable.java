package io.xlj.rpc;

import io.xlj.rpc.method.CreateMethod;
import io.xlj.rpc.method.DestroyMethod;
import io.xlj.rpc.method.DomidMethod;
import io.xlj.rpc.method.DomnameMethod;
import io.xlj.rpc.method.InfoMethod;
import io.xlj.rpc.method.ListMethod;
import io.xlj.rpc.method.PauseMethod;
import io.xlj.rpc.method.RebootMethod;
import io.xlj.rpc.method.ShutdownMethod;
import io.xlj.rpc.method.SubscribeMethod;
import io.xlj.rpc.method.UnpauseMethod;
import io.xlj.rpc.method.VersionMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** xljd's methods by name. Adding a method: write its class, list it here. */
public final class MethodTable {

    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

    public MethodTable(List<RpcMethod> methods) {
        for (RpcMethod m : methods) {
            this.methods.put(m.name(), m);
        }
    }

    public static MethodTable standard() {
        return new MethodTable(List.of(new ListMethod(), new InfoMethod(), new VersionMethod(), new CreateMethod(),
                new DestroyMethod(), new PauseMethod(), new UnpauseMethod(), new ShutdownMethod(), new RebootMethod(),
                new DomidMethod(), new DomnameMethod(), new SubscribeMethod()));
    }

    /** This table and {@code more} (a later method of the same name replaces the earlier). */
    public MethodTable with(RpcMethod... more) {
        List<RpcMethod> all = new ArrayList<>(methods.values());
        all.addAll(List.of(more));
        return new MethodTable(all);
    }

    public Optional<RpcMethod> get(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    public Collection<RpcMethod> all() {
        return methods.values();
    }
}
