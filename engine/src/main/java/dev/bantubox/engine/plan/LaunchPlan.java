package dev.bantubox.engine.plan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the native launcher does for one container: clone() with these namespace flags, then the
 * steps in order inside the child. Built and checked by {@link LaunchPlanner}; encoded for the C side
 * by {@link #encode()}.
 */
public record LaunchPlan(int cloneFlags, List<Step> steps) {
    private static final byte[] MAGIC = "BBP1".getBytes(StandardCharsets.US_ASCII);

    public LaunchPlan {
        steps = List.copyOf(steps);
    }

    /** Returns the step at index, as the journal numbers them. */
    public Step step(int index) {
        return steps.get(index);
    }

    /** Encodes the plan in the wire format that plan.c parses (native byte order). */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.writeBytes(MAGIC);
        writeInt(out, cloneFlags);
        writeInt(out, 0);
        writeInt(out, steps.size());
        for (Step step : steps) {
            writeInt(out, step.kind().wireNumber());
            writeInt(out, step.toleratesExists() ? 1 : 0);
            writeInt(out, step.arguments().size());
            writeInt(out, 0);
            writeLong(out, step.number());
            writeLong(out, step.number2());
            for (String argument : step.arguments()) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                writeInt(out, bytes.length);
                out.writeBytes(bytes);
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
    }
}
