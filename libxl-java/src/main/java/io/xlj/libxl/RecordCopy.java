package io.xlj.libxl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * A copy of a record with some components replaced, by name. libxl's config structs have
 * dozens of fields; this keeps "the same config but with X" to one line without a hand
 * written wither per field.
 */
final class RecordCopy {

    private RecordCopy() {
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R record, Map<String, Object> changes) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int used = 0;
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                if (changes.containsKey(c.getName())) {
                    values[i] = changes.get(c.getName());
                    used++;
                } else {
                    values[i] = c.getAccessor().invoke(record);
                }
            }
            if (used != changes.size()) {
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component among "
                        + changes.keySet());
            }
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot copy " + record.getClass().getSimpleName() + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
