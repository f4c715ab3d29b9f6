package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_vkb, fields in IDL order; the uint32 fields are held as long. */
public record DeviceVkb(long backendDomid, String backendDomname, int devid, VkbBackend backendType,
                        String uniqueId, boolean featureDisableKeyboard, boolean featureDisablePointer,
                        boolean featureAbsPointer, boolean featureRawPointer, boolean featureMultiTouch,
                        long width, long height, long multiTouchWidth, long multiTouchHeight,
                        long multiTouchNumContacts) implements LibxlJson {

    /** A vkb as libxl_device_vkb_init leaves it, with {@code devid}. */
    public static DeviceVkb withDevid(int devid) {
        Builder b = new Builder();
        b.devid = devid;
        return b.build();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.enumeration(w, "backend_type", backendType);
        JsonFields.string(w, "unique_id", uniqueId);
        JsonFields.bool(w, "feature_disable_keyboard", featureDisableKeyboard);
        JsonFields.bool(w, "feature_disable_pointer", featureDisablePointer);
        JsonFields.bool(w, "feature_abs_pointer", featureAbsPointer);
        JsonFields.bool(w, "feature_raw_pointer", featureRawPointer);
        JsonFields.bool(w, "feature_multi_touch", featureMultiTouch);
        JsonFields.integer(w, "width", width);
        JsonFields.integer(w, "height", height);
        JsonFields.integer(w, "multi_touch_width", multiTouchWidth);
        JsonFields.integer(w, "multi_touch_height", multiTouchHeight);
        JsonFields.integer(w, "multi_touch_num_contacts", multiTouchNumContacts);
        w.endObject();
    }

    /** Mutable twin; starts as libxl_device_vkb_init leaves it. */
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
