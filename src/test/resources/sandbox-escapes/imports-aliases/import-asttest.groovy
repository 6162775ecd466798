import groovy.transform.ASTTest
