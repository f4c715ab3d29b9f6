package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.List;

/** libxl_vsnd_params; uint32 values held as long. */
public record VsndParams(List<Long> sampleRates, List<VsndPcmFormat> sampleFormats, long channelsMin,
                         long channelsMax, long bufferSize) implements LibxlJson {

    public static final VsndParams EMPTY = new VsndParams(List.of(), List.of(), 0, 0, 0);

    public VsndParams {
        sampleRates = List.copyOf(sampleRates);
        sampleFormats = List.copyOf(sampleFormats);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        if (!sampleRates.isEmpty()) {
            w.key("sample_rates").beginArray();
            for (long r : sampleRates) {
                w.value(r);
            }
            w.endArray();
        }
        if (!sampleFormats.isEmpty()) {
            w.key("sample_formats").beginArray();
            for (VsndPcmFormat f : sampleFormats) {
                w.value(f.libxlName());
            }
            w.endArray();
        }
        JsonFields.integer(w, "channels_min", channelsMin);
        JsonFields.integer(w, "channels_max", channelsMax);
        JsonFields.integer(w, "buffer_size", bufferSize);
        w.endObject();
    }
}
