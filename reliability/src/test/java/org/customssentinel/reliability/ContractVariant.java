package org.customssentinel.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.apache.avro.generic.GenericData;
import org.customssentinel.avro.Declaration;

/**
 * Another version of the Declaration contract, generated and compiled as the schemas module builds ours: put ahead of
 * the jar on a command's class path, it is that command "built on" the other version.
 */
final class ContractVariant {

    private ContractVariant() {
    }

    /** Ours with one field more at the end: optional with a default (a compatible change), or required (an incompatible one). */
    static Schema withField(String name, boolean optional) {
        Schema v1 = Declaration.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(optional
                ? new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        "Added in a later version.", Schema.Field.NULL_DEFAULT_VALUE)
                : new Schema.Field(name, Schema.create(Schema.Type.STRING), "Added in a later version, without a default."));
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    /** Generates the classes of {@code declaration} with the schemas module's settings and compiles them into {@code dir}. */
    static Path compile(Schema declaration, Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        SpecificCompiler compiler = new SpecificCompiler(declaration);
        compiler.setStringType(GenericData.StringType.String);
        compiler.setEnableDecimalLogicalType(true);
        compiler.setFieldVisibility(SpecificCompiler.FieldVisibility.PRIVATE);
        compiler.compileToDestination(null, sources.toFile());
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests run on a JRE without a compiler; a JDK is needed");
        }
        List<String> args = new ArrayList<>(List.of("-nowarn", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        int result = javac.run(null, null, null, args.toArray(String[]::new));
        if (result != 0) {
            throw new IllegalStateException("compiling the contract variant in " + sources + " failed");
        }
        return classes;
    }
}
