package org.safecounty.internal.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compiled forms as an attacker who can write the cache folder would make them: an honest form
 * with a class added whose static initialiser reaches outside the rule vocabulary, listed as one
 * of the module's rule classes so that the engine instantiates it (and so initialises it) when it
 * makes the rule base. The bytes are well-formed; only the checks stand in the way.
 */
public final class HostileForms {

    private HostileForms() {
    }

    /** The entries of a form, by name. */
    public static Map<String, byte[]> entries(byte[] form) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(form))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** A form of these entries. */
    public static byte[] form(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code honest} with the class {@code internalName} added, whose static initialiser runs
     * {@code clinit}, and listed first among the module's rule classes.
     */
    public static byte[] withClass(byte[] honest, String internalName, Consumer<MethodVisitor> clinit) throws IOException {
        Map<String, byte[]> entries = entries(honest);
        entries.put(internalName + ".class", hostileClass(internalName, clinit));
        String model = entries.keySet().stream().filter(n -> n.endsWith("/drools-model")).findFirst().orElseThrow();
        String[] lines = new String(entries.get(model), StandardCharsets.UTF_8).split("\n", 2);
        entries.put(model, (lines[0] + "\n" + internalName.replace('/', '.') + "\n" + (lines.length > 1 ? lines[1] : ""))
                .getBytes(StandardCharsets.UTF_8));
        return form(entries);
    }

    /** {@code Runtime.getRuntime().exec(new String[] {"touch", marker})}. */
    public static Consumer<MethodVisitor> exec(String marker) {
        return mv -> {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/String");
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitLdcInsn("touch");
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitLdcInsn(marker);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Runtime", "exec", "([Ljava/lang/String;)Ljava/lang/Process;",
                    false);
            mv.visitInsn(Opcodes.POP);
        };
    }

    /** {@code List.of(3).forEach(System::exit)}: the JVM ended through a method reference. */
    public static Consumer<MethodVisitor> exitThroughMethodReference() {
        return mv -> {
            mv.visitInsn(Opcodes.ICONST_3);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/List", "of", "(Ljava/lang/Object;)Ljava/util/List;", true);
            Handle factory = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "metafactory",
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                            + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                            + "Ljava/lang/invoke/CallSite;", false);
            mv.visitInvokeDynamicInsn("accept", "()Ljava/util/function/Consumer;", factory,
                    Type.getType("(Ljava/lang/Object;)V"),
                    new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false),
                    Type.getType("(Ljava/lang/Integer;)V"));
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/List", "forEach", "(Ljava/util/function/Consumer;)V", true);
        };
    }

    private static byte[] hostileClass(String internalName, Consumer<MethodVisitor> clinit) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        clinit.accept(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
