package io.xlj.config.spec;

import io.xlj.config.ConfigValue;
import io.xlj.config.model.DeviceVsnd;
import io.xlj.config.model.VsndParams;
import io.xlj.config.model.VsndPcm;
import io.xlj.config.model.VsndPcmFormat;
import io.xlj.config.model.VsndStream;
import io.xlj.config.model.VsndStreamType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vsnd=[ [CARD_ITEM, PCM_ITEM, STREAM_ITEM, ...], ... ]} as xl 4.17's
 * parse_vsnd_config reads it: each inner list is one sound card; each item starts with
 * {@code card}, {@code pcm} or {@code stream} followed by that object's parameters.
 */
public final class VsndSpecParser {

    private VsndSpecParser() {
    }

    private static final class Params {
        List<Long> rates = List.of();
        List<VsndPcmFormat> formats = List.of();
        long channelsMin;
        long channelsMax;
        long bufferSize;

        VsndParams build() {
            return new VsndParams(rates, formats, channelsMin, channelsMax, bufferSize);
        }
    }

    private static final class Stream {
        String uniqueId;
        VsndStreamType type = VsndStreamType.NONE;
        final Params params = new Params();
    }

    private static final class Pcm {
        String name;
        final Params params = new Params();
        final List<Stream> streams = new ArrayList<>();
    }

    private static final class Card {
        String backend;
        String shortName;
        String longName;
        final Params params = new Params();
        final List<Pcm> pcms = new ArrayList<>();
    }

    /**
     * One card (an item of the vsnd list).
     *
     * @param source the config file name (for libxlutil's "not a list" warning)
     * @throws SpecException where xl exits, after its message
     */
    public static DeviceVsnd card(String source, ConfigValue cardValue, int devid, Diagnostics diag) {
        if (!(cardValue instanceof ConfigValue.ListValue list)) {
            diag.print(source + ":" + cardValue.line() + ":" + cardValue.column()
                    + ": warning: value is not a list\n");
            throw exit(diag, "Failed to get vsnd card list: Invalid argument");
        }
        Card card = new Card();
        for (int i = 0; list.itemString(i) != null; i++) {
            item(card, list.itemString(i), diag);
        }
        List<VsndPcm> pcms = new ArrayList<>();
        for (Pcm p : card.pcms) {
            List<VsndStream> streams = new ArrayList<>();
            for (Stream s : p.streams) {
                streams.add(new VsndStream(s.uniqueId, s.type, s.params.build()));
            }
            pcms.add(new VsndPcm(p.name, p.params.build(), streams));
        }
        return new DeviceVsnd(0, card.backend, devid, card.shortName, card.longName, card.params.build(), pcms);
    }

    private static SpecException exit(Diagnostics diag, String msg) {
        diag.print(msg + "\n");
        return new SpecException(msg);
    }

    /** parse_vsnd_item. */
    private static void item(Card card, String spec, Diagnostics diag) {
        String key = null;
        for (String t : CStrings.strtok(spec, ",")) {
            String token = CStrings.skipSpaces(t);
            if (key == null) {
                key = token;
                createItem(card, key, diag);
            } else if (CStrings.strcaseEquals(key, "card")) {
                if (!params(card.params, token, diag)) {
                    String v;
                    if ((v = CStrings.matchOption("backend", token)) != null) {
                        card.backend = v;
                    } else if ((v = CStrings.matchOption("short-name", token)) != null) {
                        card.shortName = v;
                    } else if ((v = CStrings.matchOption("long-name", token)) != null) {
                        card.longName = v;
                    } else {
                        throw exit(diag, "Invalid parameter: " + token);
                    }
                }
            } else if (CStrings.strcaseEquals(key, "pcm")) {
                if (card.pcms.isEmpty()) {
                    throw exit(diag, "No pcm device");
                }
                Pcm pcm = card.pcms.get(card.pcms.size() - 1);
                if (!params(pcm.params, token, diag)) {
                    String v = CStrings.matchOption("name", token);
                    if (v == null) {
                        throw exit(diag, "Invalid parameter: " + token);
                    }
                    pcm.name = v;
                }
            } else if (CStrings.strcaseEquals(key, "stream")) {
                if (card.pcms.isEmpty()) {
                    throw exit(diag, "No vsnd pcm device");
                }
                Pcm pcm = card.pcms.get(card.pcms.size() - 1);
                if (pcm.streams.isEmpty()) {
                    throw exit(diag, "No vsnd stream");
                }
                Stream stream = pcm.streams.get(pcm.streams.size() - 1);
                if (!params(stream.params, token, diag)) {
                    String v;
                    if ((v = CStrings.matchOption("unique-id", token)) != null) {
                        stream.uniqueId = v;
                    } else if ((v = CStrings.matchOption("type", token)) != null) {
                        if (CStrings.strcaseEquals(v, "p")) {
                            stream.type = VsndStreamType.P;
                        } else if (CStrings.strcaseEquals(v, "c")) {
                            stream.type = VsndStreamType.C;
                        } else {
                            throw exit(diag, "Invalid stream type: " + v);
                        }
                    } else {
                        throw exit(diag, "Invalid parameter: " + token);
                    }
                }
            }
        }
    }

    /** parse_vsnd_create_item. */
    private static void createItem(Card card, String key, Diagnostics diag) {
        if (CStrings.strcaseEquals(key, "card")) {
            return;
        }
        if (CStrings.strcaseEquals(key, "pcm")) {
            card.pcms.add(new Pcm());
        } else if (CStrings.strcaseEquals(key, "stream")) {
            if (card.pcms.isEmpty()) {
                card.pcms.add(new Pcm());
            }
            card.pcms.get(card.pcms.size() - 1).streams.add(new Stream());
        } else {
            throw exit(diag, "Invalid key: " + key);
        }
    }

    /** parse_vsnd_params: false when the token is not a common parameter. */
    private static boolean params(Params p, String token, Diagnostics diag) {
        String v;
        if ((v = CStrings.matchOption("sample-rates", token)) != null) {
            List<Long> rates = new ArrayList<>();
            for (String r : CStrings.strtok(v, ";")) {
                rates.add(CStrings.strtoul0(r) & 0xFFFF_FFFFL);
            }
            p.rates = rates;
        } else if ((v = CStrings.matchOption("sample-formats", token)) != null) {
            List<VsndPcmFormat> formats = new ArrayList<>();
            for (String f : CStrings.strtok(v, ";")) {
                VsndPcmFormat fmt = null;
                for (VsndPcmFormat c : VsndPcmFormat.values()) {
                    if (CStrings.strcaseEquals(c.libxlName(), f)) {
                        fmt = c;
                    }
                }
                if (fmt == null) {
                    throw exit(diag, "Invalid pcm format: " + f);
                }
                formats.add(fmt);
            }
            p.formats = formats;
        } else if ((v = CStrings.matchOption("channels-min", token)) != null) {
            p.channelsMin = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
        } else if ((v = CStrings.matchOption("channels-max", token)) != null) {
            p.channelsMax = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
        } else if ((v = CStrings.matchOption("buffer-size", token)) != null) {
            p.bufferSize = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
        } else {
            return false;
        }
        return true;
    }
}
