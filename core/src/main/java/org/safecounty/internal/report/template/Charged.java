package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BlockNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.IncludeNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.BlockTokenParser;
import io.pebbletemplates.pebble.tokenParser.ForTokenParser;
import io.pebbletemplates.pebble.tokenParser.IncludeTokenParser;
import io.pebbletemplates.pebble.tokenParser.MacroTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The tags through which a template repeats work — {@code for}, {@code macro}, {@code block},
 * {@code include} — parsed by Pebble's own parsers and then made to charge the rendering's
 * {@link Budget} each time they run: each loop iteration, macro call, block and include is a step,
 * and those that can call themselves count towards the depth.
 */
final class Charged {

    private Charged() {
    }

    static TokenParser forTag() {
        return parser(new ForTokenParser(), node -> {
            ForNode f = (ForNode) node;
            return new ForNode(f.getLineNumber(), f.getIterationVariable(), f.getIterable(), new Body(f.getBody()),
                    f.getElseBody());
        });
    }

    static TokenParser macroTag() {
        return parser(new MacroTokenParser(), node -> {
            MacroNode m = (MacroNode) node;
            return new MacroNode(m.getName(), m.getArgs(), new Body(m.getBody()));
        });
    }

    static TokenParser blockTag() {
        return parser(new BlockTokenParser(), node -> {
            BlockNode b = (BlockNode) node;
            return new BlockNode(b.getLineNumber(), b.getName(), new Body(b.getBody()));
        });
    }

    static TokenParser includeTag() {
        return parser(new IncludeTokenParser(), node -> new Include((IncludeNode) node));
    }

    private static TokenParser parser(TokenParser pebbles, UnaryOperator<RenderableNode> charge) {
        return new TokenParser() {
            @Override
            public String getTag() {
                return pebbles.getTag();
            }

            @Override
            public RenderableNode parse(Token token, Parser parser) {
                return charge.apply(pebbles.parse(token, parser));
            }
        };
    }

    private interface Rendering {
        void run() throws IOException;
    }

    /** Renders one step deeper, charging the budget. */
    private static void charge(PebbleTemplateImpl self, int line, Rendering rendering) throws IOException {
        Budget.enter(self.getName(), line);
        try {
            rendering.run();
        } finally {
            Budget.exit();
        }
    }

    /** A body that charges a step each time it is rendered; visitors see its children as before. */
    static final class Body extends BodyNode {

        Body(BodyNode body) {
            super(body.getLineNumber(), body.getChildren());
            setOnlyRenderInheritanceSafeNodes(body.isOnlyRenderInheritanceSafeNodes());
        }

        @Override
        public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
            charge(self, getLineNumber(), () -> super.render(self, writer, context));
        }
    }

    /** An include that charges a step; visitors see the include itself (its name is checked). */
    static final class Include extends AbstractRenderableNode {

        private final IncludeNode include;

        Include(IncludeNode include) {
            super(include.getLineNumber());
            this.include = include;
        }

        @Override
        public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
            charge(self, getLineNumber(), () -> include.render(self, writer, context));
        }

        @Override
        public void accept(NodeVisitor visitor) {
            include.accept(visitor);
        }
    }
}
