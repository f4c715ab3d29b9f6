package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.List;

/** libxl_vsnd_pcm. */
public record VsndPcm(String name, VsndParams params, List<VsndStream> streams) implements LibxlJson {

    public VsndPcm {
        streams = List.copyOf(streams);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.string(w, "name", name);
        JsonFields.object(w, "params", params);
        if (!streams.isEmpty()) {
            w.key("streams").beginArray();
            for (VsndStream s : streams) {
                s.writeJson(w);
            }
            w.endArray();
        }
        w.endObject();
    }
}
