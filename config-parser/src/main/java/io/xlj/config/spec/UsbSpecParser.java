package io.xlj.config.spec;

import io.xlj.config.model.DeviceUsbctrl;
import io.xlj.config.model.DeviceUsbdev;
import io.xlj.config.model.LibxlEnums;
import io.xlj.config.model.UsbctrlType;

/** Items of {@code usbctrl=[...]} and {@code usbdev=[...]} (xl_parse.c parse_usb*_config). */
public final class UsbSpecParser {

    private UsbSpecParser() {
    }

    /** One usbctrl item; {@code devid} is its position. Any bad token: message, exit 1. */
    public static DeviceUsbctrl usbctrl(String spec, int devid, Diagnostics diag) {
        UsbctrlType type = UsbctrlType.AUTO;
        int version = 0;
        int ports = 0;
        for (String t : CStrings.strtok(spec, ",")) {
            String token = CStrings.skipSpaces(t);
            String v;
            if ((v = CStrings.matchOption("type", token)) != null) {
                UsbctrlType ty = LibxlEnums.fromString(UsbctrlType.class, v);
                if (ty == null) {
                    diag.print("Invalid usb controller type '" + v + "'\n");
                    throw new SpecException("Invalid usb controller type '" + v + "'");
                }
                type = ty;
            } else if ((v = CStrings.matchOption("version", token)) != null) {
                version = CStrings.atoi(v);
            } else if ((v = CStrings.matchOption("ports", token)) != null) {
                ports = CStrings.atoi(v);
            } else {
                diag.print("Unknown string `" + token + "' in usbctrl spec\n");
                throw new SpecException("Unknown string `" + token + "' in usbctrl spec");
            }
        }
        return new DeviceUsbctrl(type, devid, version, ports, 0, null);
    }

    /**
     * One usbdev item. xl's message for a bad type prints getopt's optarg instead of the
     * value; for {@code xl create} without option arguments that is "(null)".
     */
    public static DeviceUsbdev usbdev(String spec, Diagnostics diag) {
        int ctrl = -1;
        int port = 0;
        int type = 0;
        int hostbus = 0;
        int hostaddr = 0;
        for (String t : CStrings.strtok(spec, ",")) {
            String token = CStrings.skipSpaces(t);
            String v;
            if ((v = CStrings.matchOption("type", token)) != null) {
                if (!CStrings.strcaseEquals("hostdev", v)) {
                    diag.print("Invalid usb device type: (null)\n");
                    throw new SpecException("Invalid usb device type: " + v);
                }
                type = DeviceUsbdev.TYPE_HOSTDEV;
            } else if ((v = CStrings.matchOption("hostbus", token)) != null) {
                hostbus = (int) (CStrings.strtoul0(v) & 0xff);
            } else if ((v = CStrings.matchOption("hostaddr", token)) != null) {
                hostaddr = (int) (CStrings.strtoul0(v) & 0xff);
            } else if ((v = CStrings.matchOption("controller", token)) != null) {
                ctrl = CStrings.atoi(v);
            } else if ((v = CStrings.matchOption("port", token)) != null) {
                port = CStrings.atoi(v);
            } else {
                diag.print("Unknown string `" + token + "' in usbdev spec\n");
                throw new SpecException("Unknown string `" + token + "' in usbdev spec");
            }
        }
        return new DeviceUsbdev(ctrl, port, type, hostbus, hostaddr);
    }
}
