Feature: Searching orders

  As a mall
  I can find orders by customer, store, product, status, total and the time they were
  recorded, and read many of them a page at a time

  Background:
    Given these stores have the following items
      | Store         | Name              | Price |
      | Nic & Naks    | Wizard w/ crystal | 9.99  |
      | Nic & Naks    | Crystal ball      | 5.00  |
      | Waldorf Books | Spell book        | 20.00 |
    And these customers are registered
      | Name |
      | Ann  |
      | Bob  |

  Scenario Outline: Finding orders <search>
    Given these orders were placed
      | Order | Customer | Items               | Payment |
      | ann-1 | Ann      | 1 Wizard w/ crystal | 9.99    |
      | bob-1 | Bob      | 3 Crystal ball      | 1.00    |
    And I note the time
    And these orders were placed
      | Order | Customer | Items                        | Payment |
      | ann-2 | Ann      | 2 Crystal ball, 1 Spell book | 30.00   |
      | bob-2 | Bob      | 1 Spell book                 | 20.00   |
    When I search for the orders <search>
    Then I find the orders "<orders>"

    Examples:
      | search                                                       | orders       |
      | of the customer "Ann"                                        | ann-1, ann-2 |
      | from the store "Waldorf Books"                               | ann-2, bob-2 |
      | with the product "Crystal ball"                              | bob-1, ann-2 |
      | with the status "Rejected"                                   | bob-1        |
      | with a total between "10" and "25"                           | bob-1, bob-2 |
      | recorded before the noted time                               | ann-1, bob-1 |
      | recorded after the noted time                                | ann-2, bob-2 |
      | of the customer "Bob" and with the status "Approved"         | bob-2        |
      | from the store "Nic & Naks" and with a total of at most "15" | ann-1, bob-1 |

  Scenario: Reading every order a page at a time
    Given "Ann" placed 7 orders of "1 Crystal ball", one after the other
    And "Bob" placed 1 order of "1 Spell book", one after the other
    When I read the orders of the customer "Ann" 3 at a time
    Then the pages hold 3, 3 and 1 orders
    And I read each of Ann's orders once, newest first
