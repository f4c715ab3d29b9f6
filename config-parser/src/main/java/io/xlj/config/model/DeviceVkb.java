package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.bool;
import static io.xlj.config.model.JsonFields.enumeration;
import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_vkb: a PV keyboard/pointer. The uint32 sizes are kept in longs. */
public record DeviceVkb(long backendDomid, String backendDomname, int devid, VkbBackend backendType,
                        String uniqueId, boolean featureDisableKeyboard, boolean featureDisablePointer,
                        boolean featureAbsPointer, boolean featureRawPointer, boolean featureMultiTouch,
                        long width, long height, long multiTouchWidth, long multiTouchHeight,
                        long multiTouchNumContacts) implements LibxlJson {

    /** libxl_device_vkb_init with a devid. */
    public static DeviceVkb of(int devid) {
        return new DeviceVkb(0, null, devid, VkbBackend.UNKNOWN, null, false, false, false, false, false,
                0, 0, 0, 0, 0);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        enumeration(w, "backend_type", backendType);
        string(w, "unique_id", uniqueId);
        bool(w, "feature_disable_keyboard", featureDisableKeyboard);
        bool(w, "feature_disable_pointer", featureDisablePointer);
        bool(w, "feature_abs_pointer", featureAbsPointer);
        bool(w, "feature_raw_pointer", featureRawPointer);
        bool(w, "feature_multi_touch", featureMultiTouch);
        integer(w, "width", width & 0xffffffffL);
        integer(w, "height", height & 0xffffffffL);
        integer(w, "multi_touch_width", multiTouchWidth & 0xffffffffL);
        integer(w, "multi_touch_height", multiTouchHeight & 0xffffffffL);
        integer(w, "multi_touch_num_contacts", multiTouchNumContacts & 0xffffffffL);
        w.endObject();
    }

    /** Mutable twin used while parsing; starts as libxl_device_vkb_init leaves it. */
    public static final class Builder {
        public long backendDomid;
        public String backendDomname;
        public int devid = -1;
        public VkbBackend backendType = VkbBackend.UNKNOWN;
        public String uniqueId;
        public boolean featureDisableKeyboard;
        public boolean featureDisablePointer;
        public boolean featureAbsPointer;
        public boolean featureRawPointer;
        public boolean featureMultiTouch;
        public long width;
        public long height;
        public long multiTouchWidth;
        public long multiTouchHeight;
        public long multiTouchNumContacts;

        public DeviceVkb build() {
            return new DeviceVkb(backendDomid, backendDomname, devid, backendType, uniqueId,
                    featureDisableKeyboard, featureDisablePointer, featureAbsPointer, featureRawPointer,
                    featureMultiTouch, width, height, multiTouchWidth, multiTouchHeight, multiTouchNumContacts);
        }
    }
}
